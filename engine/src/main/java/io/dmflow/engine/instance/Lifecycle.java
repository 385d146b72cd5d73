package io.dmflow.engine.instance;

/** Element instance lifecycle, as Zeebe's intents; ACTIVATING..COMPLETING all read as ACTIVE. */
public enum Lifecycle {
  ACTIVATING,
  ACTIVATED,
  COMPLETING,
  COMPLETED,
  TERMINATED;

  public boolean isFinal() { return this == COMPLETED || this == TERMINATED; }

  public String externalState() {
    return switch (this) {
      case COMPLETED -> "COMPLETED";
      case TERMINATED -> "TERMINATED";
      default -> "ACTIVE";
    };
  }
}
