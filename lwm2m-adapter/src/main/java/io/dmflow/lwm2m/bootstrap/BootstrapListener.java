package io.dmflow.lwm2m.bootstrap;

/** Hears how bootstrap sessions end; called off the network threads, one call per session. */
public interface BootstrapListener {

    void sessionEnded(BootstrapResult result);
}
