package io.counterpower.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPDX License List as shipped in org.spdx:java-spdx-library ({@code resources/stdlicenses/}), read with
 * Jackson: reading the JSON directly avoids the library's model store, which may reach for spdx.org.
 */
record SpdxLicenseList(String version, String releaseDate, List<Listing> licenses, List<String> exceptionIds) {

    static final String RESOURCE_DIRECTORY = "resources/stdlicenses/";

    SpdxLicenseList {
        licenses = List.copyOf(licenses);
        exceptionIds = List.copyOf(exceptionIds);
    }

    /** One license of the list, with the flags SPDX records for it. */
    record Listing(String id, String name, String reference, boolean osiApproved, boolean fsfLibre,
            boolean deprecated) {
    }

    static SpdxLicenseList load(ObjectMapper json) {
        JsonNode licenseList = read(json, "licenses.json");
        List<Listing> licenses = new ArrayList<>();
        for (JsonNode license : licenseList.path("licenses")) {
            licenses.add(new Listing(
                    license.path("licenseId").asText(),
                    license.path("name").asText(),
                    https(license.path("reference").asText()),
                    license.path("isOsiApproved").asBoolean(false),
                    license.path("isFsfLibre").asBoolean(false),
                    license.path("isDeprecatedLicenseId").asBoolean(false)));
        }
        List<String> exceptions = new ArrayList<>();
        for (JsonNode exception : read(json, "exceptions.json").path("exceptions")) {
            exceptions.add(exception.path("licenseExceptionId").asText());
        }
        if (licenses.isEmpty()) {
            throw new IllegalStateException("the SPDX license list in " + RESOURCE_DIRECTORY + " is empty");
        }
        return new SpdxLicenseList(licenseList.path("licenseListVersion").asText(),
                licenseList.path("releaseDate").asText(), licenses, exceptions);
    }

    /** Opens one file of the list, for example {@code MIT.json} with the license's text. */
    static InputStream open(String fileName) throws IOException {
        InputStream in = SpdxLicenseList.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + fileName);
        if (in == null) {
            throw new IOException(RESOURCE_DIRECTORY + fileName + " is not on the class path");
        }
        return in;
    }

    private static JsonNode read(ObjectMapper json, String fileName) {
        try (InputStream in = open(fileName)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPDX license list", e);
        }
    }

    private static String https(String url) {
        return url.startsWith("http://") ? "https://" + url.substring("http://".length()) : url;
    }
}
