package io.counterpower.collect.git;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which paths the reader follows over the history: license files and governance documents.
 *
 * <p>License files (METHODOLOGY.md section 5): top-level names starting with {@code LICENSE},
 * {@code LICENCE}, {@code COPYING} or {@code MODEL_LICENSE} (which covers {@code LICENSE-CODE*}
 * and {@code LICENSE-MODEL*}), and any file under a top-level {@code LICENSES/}, {@code licenses/}
 * or {@code license/} folder. Names with a source or configuration extension ({@code license.py},
 * {@code licenses.json}), checksums ({@code *.sha1}) and license header templates
 * ({@code LICENSE_HEADER}) are not terms; nor are an acceptable-use policy, a notice, a code of
 * conduct or a contributor agreement ({@code USE_POLICY.md}, {@code NOTICE}, {@code CODE_OF_CONDUCT.md},
 * {@code CLA.md}), wherever they are: they never become a license period.
 *
 * <p>Governance documents: {@code MAINTAINERS*}, {@code CODEOWNERS}, {@code GOVERNANCE*} and
 * {@code CONTRIBUTING*} at the root, in {@code .github/} or in {@code docs/} (where GitHub looks
 * for them), and {@code OWNERS} at the root. File names match case-insensitively.
 */
final class TrackedPaths {
    private TrackedPaths() {
    }

    private static final Pattern LICENSE_NAME = Pattern.compile(
            "^(licen[cs]e|copying|model[_-]licen[cs]e)([-_. ].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> LICENSE_FOLDERS = Set.of("licenses", "license");
    private static final Set<String> NOT_TERMS_EXTENSIONS = Set.of(
            "py", "js", "mjs", "ts", "java", "kt", "go", "rs", "c", "h", "cc", "cpp", "hpp", "rb", "sh",
            "json", "yml", "yaml", "toml", "cfg", "ini", "xml", "lock", "png", "jpg", "svg", "sha1", "sha256", "html");
    /** Documents that sit beside licenses but grant nothing (section 5). */
    private static final Pattern NOT_A_LICENSE = Pattern.compile(
            "(^|[-_. ])(use[-_ ]?policy|notice|code[-_ ]of[-_ ]conduct|cla|contributor[-_ ]license[-_ ]agreement)([-_. ]|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> GOVERNANCE_FOLDERS = Set.of(".github", "docs");

    private static final Pattern MAINTAINERS = Pattern.compile("^maintainers([-_.].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODEOWNERS = Pattern.compile("^codeowners$", Pattern.CASE_INSENSITIVE);
    private static final Pattern OWNERS = Pattern.compile("^owners$", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOVERNANCE = Pattern.compile("^governance([-_.].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTRIBUTING = Pattern.compile("^contributing([-_.].*)?$", Pattern.CASE_INSENSITIVE);

    /** The artifact a license file covers, or null when {@code path} is not a license file. */
    static LicenseArtifact licenseArtifact(String path) {
        int slash = path.indexOf('/');
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        boolean topLevelLicense = slash < 0 && LICENSE_NAME.matcher(fileName).matches();
        boolean inLicenseFolder = slash > 0 && LICENSE_FOLDERS.contains(path.substring(0, slash).toLowerCase(Locale.ROOT));
        if (!(topLevelLicense || inLicenseFolder) || !looksLikeTerms(fileName)) {
            return null;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("model") || lower.contains("weight")) {
            return LicenseArtifact.WEIGHTS;
        }
        if (lower.contains("data")) {
            return LicenseArtifact.DATA;
        }
        if (lower.contains("doc")) {
            return LicenseArtifact.DOCS;
        }
        return LicenseArtifact.CODE;
    }

    /** The kind of governance document at {@code path}, or null. */
    static GovernanceDocChange.DocKind governanceDoc(String path) {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash);
        String fileName = path.substring(slash + 1);
        boolean root = folder.isEmpty();
        if (!root && !GOVERNANCE_FOLDERS.contains(folder.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (CODEOWNERS.matcher(fileName).matches()) {
            return GovernanceDocChange.DocKind.CODEOWNERS;
        }
        if (MAINTAINERS.matcher(fileName).matches()) {
            return GovernanceDocChange.DocKind.MAINTAINERS;
        }
        if (GOVERNANCE.matcher(fileName).matches()) {
            return GovernanceDocChange.DocKind.GOVERNANCE;
        }
        if (CONTRIBUTING.matcher(fileName).matches()) {
            return GovernanceDocChange.DocKind.CONTRIBUTING;
        }
        if (root && OWNERS.matcher(fileName).matches()) {
            return GovernanceDocChange.DocKind.OWNERS;
        }
        return null;
    }

    static boolean isTracked(String path) {
        return licenseArtifact(path) != null || governanceDoc(path) != null;
    }

    /** Whether a folder may hold tracked files, so that a tree walk needs to enter it. */
    static boolean mayContainTracked(String folderPath) {
        int slash = folderPath.indexOf('/');
        String top = (slash < 0 ? folderPath : folderPath.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (LICENSE_FOLDERS.contains(top)) {
            return true; // license folders are followed at any depth
        }
        return slash < 0 && GOVERNANCE_FOLDERS.contains(top);
    }

    private static boolean looksLikeTerms(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.contains("header") || NOT_A_LICENSE.matcher(lower).find()) {
            return false;
        }
        int dot = lower.lastIndexOf('.');
        return dot < 0 || !NOT_TERMS_EXTENSIONS.contains(lower.substring(dot + 1));
    }
}
