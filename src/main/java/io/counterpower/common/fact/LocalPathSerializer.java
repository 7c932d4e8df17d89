package io.counterpower.common.fact;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.text.LocalPathRedaction;

import java.io.IOException;

/**
 * Writes a source URL or repository location whole to curators and admins, and a local path or
 * {@code file:} URL as {@code …/<last segment>} to everyone else (issue 17), in every
 * representation Jackson writes: JSON views, fact exports (JSON and CSV), audit values.
 */
public class LocalPathSerializer extends StdSerializer<String> {
    LocalPathSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(Caller.readerSeesLocalPaths() ? value : LocalPathRedaction.url(value));
    }

    /** The same for free text (a source note): every local path in it is redacted. */
    static class InText extends StdSerializer<String> {
        InText() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Caller.readerSeesLocalPaths() ? value : LocalPathRedaction.text(value));
        }
    }
}
