package io.counterpower.common.fact;

/** What every fact's view shows: its stable id and the version read. */
public interface FactView {
    long id();

    VersionInfo version();
}
