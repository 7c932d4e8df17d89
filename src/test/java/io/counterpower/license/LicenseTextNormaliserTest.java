package io.counterpower.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LicenseTextNormaliserTest {

    @Test
    void ignoresWhatTheSpdxGuidelinesIgnore() {
        String plain = LicenseTextNormaliser.normalise("The licensor grants a license to use the software, "
                + "see https://example.org/terms.");
        String noisy = LicenseTextNormaliser.normalise("Copyright (c) 2024 Someone Else\n"
                + "  // THE LICENSOR grants a \u201clicence\u201d   to use\n * the software -- see\n"
                + "http://example.org/terms");
        assertEquals(plain, noisy);
    }

    @Test
    void removesBulletsAndNumberingButKeepsVersions() {
        assertEquals("redistributions must retain the notice",
                LicenseTextNormaliser.normalise("  1. Redistributions must retain the notice"));
        assertEquals("redistributions must retain the notice",
                LicenseTextNormaliser.normalise("(b) Redistributions must retain the notice"));
        assertEquals("apache license version 2.0", LicenseTextNormaliser.normalise("Apache License\nVersion 2.0,"));
        assertNotEquals(LicenseTextNormaliser.normalise("Llama 3.1 Community"),
                LicenseTextNormaliser.normalise("Llama 3 1 Community"));
        assertEquals("llama 2 community license agreement",
                LicenseTextNormaliser.normalise("LLAMA 2 COMMUNITY LICENSE AGREEMENT"));
    }

    @Test
    void keepsACopyrightWordThatIsNotANotice() {
        // A reflowed MIT line that starts with "COPYRIGHT HOLDERS" is license text, not a notice.
        assertEquals("c holders be liable", LicenseTextNormaliser.normalise("COPYRIGHT HOLDERS BE LIABLE"));
    }

    @Test
    void mapsVarietalSpellingsAndHyphenation() {
        assertEquals(LicenseTextNormaliser.normalise("non-commercial sublicense licence"),
                LicenseTextNormaliser.normalise("noncommercial sub-license license"));
    }
}
