package io.counterpower.collect;

import io.counterpower.common.text.Texts;

import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.text.UrlCredentials;
import io.counterpower.project.ProjectService;
import io.counterpower.project.RepositoryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a collection request asks for, checked once at the edge: the source, the branch and the repositories to
 * read (the URL given, or the project's recorded repositories), each a location the collectors accept. Who may
 * ask, and the queue itself, are {@link JobService}'s.
 */
@ApplicationScoped
public class CollectionRequests {
    static final Set<String> SOURCES_COLLECTED = Set.of("git", "github", "huggingface");
    /** A repository on github.com: owner and name. */
    public static final Pattern GITHUB_REPOSITORY = Pattern.compile(
            "^https://(?:www\\.)?github\\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\\.git)?/?$");
    /** A model on the Hugging Face Hub (datasets and Spaces have their own paths and are not models). */
    public static final Pattern HUGGINGFACE_MODEL = Pattern.compile(
            "^https://huggingface\\.co/(?!datasets/|spaces/)([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)/?$");
    // Branch names as git allows them, without what could be read as an option or a range.
    private static final Pattern BRANCH = Pattern.compile("^(?!-)(?!.*\\.\\.)[A-Za-z0-9._/+-]{1,250}$");

    @Inject
    ProjectService projects;

    List<RepositoryTarget> targets(String slug, CollectionInput in) {
        FieldErrors errors = new FieldErrors();
        String source = in.source() == null ? null : in.source().trim();
        if (source == null || source.isEmpty()) {
            errors.add("source", "is required: git, github or huggingface");
        } else if (!SOURCES_COLLECTED.contains(source)) {
            errors.add("source", "must be git, github or huggingface");
        }
        String branch = Texts.trimmedOrNull(in.branch());
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            errors.add("branch", "must be a branch name such as main or release/2.1");
        }
        if (source != null && !"git".equals(source) && SOURCES_COLLECTED.contains(source)) {
            if (branch != null) {
                errors.add("branch", "applies to git collections only");
            }
            errors.throwIfAny();
            return platformTargets(slug, source, Texts.trimmedOrNull(in.url()));
        }
        String url = Texts.trimmedOrNull(in.url());
        List<RepositoryTarget> targets = new ArrayList<>();
        if (url != null) {
            String problem = locationProblem(url);
            if (problem != null) {
                errors.add("url", problem);
            }
            RepositoryView recorded = projects.repositories(slug, null).stream()
                    .filter(r -> r.url().equals(url)).findFirst().orElse(null);
            String role = recorded == null ? "code" : recorded.role().code();
            targets.add(new RepositoryTarget(url, branch != null ? branch : recorded == null ? null : recorded.branch(), role));
        } else {
            List<RepositoryView> recorded = projects.repositories(slug, null);
            if (recorded.isEmpty()) {
                errors.add("url", "is required: project '" + slug + "' has no repository recorded");
            } else if (branch != null && recorded.size() > 1) {
                errors.add("branch", "applies to one repository: give its url too (project '" + slug + "' has "
                        + recorded.size() + ")");
            }
            for (RepositoryView r : recorded) {
                String problem = locationProblem(r.url());
                if (problem != null) {
                    errors.add("url", "the recorded repository " + UrlCredentials.redact(r.url()) + " cannot be collected: " + problem
                            + "; give a url to collect instead");
                }
                targets.add(new RepositoryTarget(r.url(), branch != null ? branch : r.branch(), r.role().code()));
            }
        }
        errors.throwIfAny();
        return targets;
    }

    /**
     * The repositories a {@code github} or {@code huggingface} collection reads: the URL given, or the
     * project's recorded repositories on that platform (the others are for other sources).
     */
    private List<RepositoryTarget> platformTargets(String slug, String source, String url) {
        Pattern accepted = "github".equals(source) ? GITHUB_REPOSITORY : HUGGINGFACE_MODEL;
        String shape = "github".equals(source) ? "a repository on github.com, https://github.com/<owner>/<name>"
                : "a model on the Hugging Face Hub, https://huggingface.co/<namespace>/<model>";
        FieldErrors errors = new FieldErrors();
        List<RepositoryView> recorded = projects.repositories(slug, null);
        List<RepositoryTarget> targets = new ArrayList<>();
        if (url != null) {
            if (!accepted.matcher(url).matches()) {
                errors.add("url", "must be " + shape + " for a " + source + " collection");
            }
            String role = recorded.stream().filter(r -> r.url().equals(url)).map(r -> r.role().code()).findFirst()
                    .orElse("github".equals(source) ? "code" : "weights");
            targets.add(new RepositoryTarget(url, null, role));
        } else {
            for (RepositoryView r : recorded) {
                if (accepted.matcher(r.url()).matches()) {
                    targets.add(new RepositoryTarget(r.url(), null, r.role().code()));
                }
            }
            if (targets.isEmpty()) {
                errors.add("url", "is required: project '" + slug + "' has no repository recorded that is " + shape);
            }
        }
        errors.throwIfAny();
        return targets;
    }

    /** Why a repository location cannot be collected, or null when it can. */
    static String locationProblem(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String accepted = "must be an https URL, a file: URL or an absolute local path";
        if (url.indexOf('\0') >= 0 || url.chars().anyMatch(Character::isWhitespace)) {
            return accepted + " (without spaces or control characters)";
        }
        if (lower.startsWith("https://")) {
            try {
                URI uri = new URI(url);
                if (uri.getRawUserInfo() != null) {
                    // A token in the URL would be stored with the job, shown by it and logged: refused.
                    return "must not carry credentials (user:token@): the collector reads public repositories";
                }
                return uri.getHost() == null || uri.getHost().isBlank() ? accepted + " (the URL has no host)" : null;
            } catch (URISyntaxException e) {
                return accepted + " (" + e.getReason() + ")";
            }
        }
        if (lower.startsWith("file:")) {
            try {
                Path path = Paths.get(new URI(url));
                return path.isAbsolute() ? null : accepted;
            } catch (URISyntaxException | IllegalArgumentException e) {
                return accepted + " (not a valid file: URL)";
            }
        }
        if (url.startsWith("/")) {
            return null;
        }
        if (lower.startsWith("http://")) {
            return accepted + " (plain http is not accepted: use https)";
        }
        if (lower.contains("://") || lower.matches("^[a-z0-9._-]+@[a-z0-9.-]+:.*")) {
            return accepted + " (ssh and git transports are not supported: the collector reads public repositories over https)";
        }
        return accepted + " (a relative path depends on where the service runs)";
    }

}
