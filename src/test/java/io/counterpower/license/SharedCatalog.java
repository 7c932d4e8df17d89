package io.counterpower.license;

/** One catalog and expression reader for all tests: loading the SPDX data takes about a second. */
final class SharedCatalog {

    static final LicenseCatalog CATALOG = new LicenseCatalog();
    static final LicenseExpressions EXPRESSIONS = new LicenseExpressions(CATALOG);

    private SharedCatalog() {
    }
}
