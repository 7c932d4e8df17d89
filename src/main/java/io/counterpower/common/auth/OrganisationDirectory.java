package io.counterpower.common.auth;

/**
 * What the access rules need to know about organisations, implemented by the organisation
 * feature (common depends on no feature).
 */
public interface OrganisationDirectory {
    /** Whether an organisation with this key is currently recorded. */
    boolean exists(String key);
}
