package io.counterpower.license;

/** One catalog, expression reader and text matcher for all tests: loading the SPDX data takes about a second. */
final class SharedCatalog {

    static final LicenseCatalog CATALOG = new LicenseCatalog();
    static final LicenseExpressions EXPRESSIONS = new LicenseExpressions(CATALOG);
    static final LicenseTextMatcher MATCHER = new LicenseTextMatcher(CATALOG);

    private SharedCatalog() {
    }
}
