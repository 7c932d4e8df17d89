package io.counterpower.common.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rewrite of date headers written by others (Vert.x's static files): one-digit days get two. */
class HttpDateHeadersUnitTest {

    @Test
    void aOneDigitDayIsWrittenWithTwoDigits() {
        assertEquals("Mon, 07 Dec 2026 06:04:01 GMT", HttpDateHeaders.imfFixdate("Mon, 7 Dec 2026 06:04:01 GMT"));
    }

    @Test
    void anImfFixdateAndTheOtherFormsComeOutAsImfFixdates() {
        assertEquals("Wed, 17 Mar 2027 00:00:00 GMT", HttpDateHeaders.imfFixdate("Wed, 17 Mar 2027 00:00:00 GMT"));
        assertEquals("Sun, 07 Mar 2027 00:00:00 GMT", HttpDateHeaders.imfFixdate("Sunday, 07-Mar-27 00:00:00 GMT"));
        assertEquals("Sun, 07 Mar 2027 00:00:00 GMT", HttpDateHeaders.imfFixdate("Sun Mar  7 00:00:00 2027"));
    }

    @Test
    void aValueThatIsNoDateIsLeftAlone() {
        assertEquals("120", HttpDateHeaders.imfFixdate("120"));
    }
}
