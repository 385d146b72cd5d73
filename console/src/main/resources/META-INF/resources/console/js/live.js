// Keeping the page shown up to date: it is asked to refresh every few seconds while someone looks at it. After a
// failed refresh the pause doubles, up to a ceiling, so that an unreachable or overloaded dmflow is not pressed
// harder; the first success brings the normal pace back. Nothing is asked while the tab is hidden, under an open
// dialog (a form stays as typed) or while the user paused it, and a tab that shows again is refreshed at once.

/** Flows move on in seconds. */
export const PACE_MS = 2500;
/** The longest pause after failures in a row. */
export const CEILING_MS = 30000;

/**
 * @param refresh async () => void, the page shown's refresh (or nothing to do)
 * @param report (state, detail) => void with state 'live' (detail: when), 'retrying' (detail: ms until the next
 *               try), 'paused' (detail: why) or 'refreshing'
 */
export function live(refresh, report, { blocked = () => false } = {}) {
  let timer = null;
  let running = false;
  let failures = 0;
  let held = false;
  let again = false;

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  }

  function nextPause() {
    return failures === 0 ? PACE_MS : Math.min(CEILING_MS, PACE_MS * 2 ** failures);
  }

  async function tick() {
    if (held) return report('paused', 'paused by you');
    if (document.hidden) return report('paused', 'tab hidden');
    if (blocked()) {
      // a dialog is open: look again soon, without asking dmflow
      schedule(PACE_MS);
      return report('paused', 'dialog open');
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    report('refreshing');
    try {
      await refresh();
      failures = 0;
      report('live', new Date());
    } catch (e) {
      failures++;
      report('retrying', nextPause(), e);
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule(0);
    } else {
      schedule(nextPause());
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) schedule(0);
    else report('paused', 'tab hidden');
  });

  return {
    /** Refresh now (a new page, a changed filter) and go on at the normal pace. */
    now() {
      failures = 0;
      schedule(0);
    },
    hold(on) {
      held = on;
      if (held) {
        clearTimeout(timer);
        report('paused', 'paused by you');
      } else {
        schedule(0);
      }
    },
    get held() { return held; },
  };
}
