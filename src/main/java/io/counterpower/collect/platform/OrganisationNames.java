package io.counterpower.collect.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The organisations a platform account name (a GitHub organisation login, a Hugging Face namespace)
 * stands for: a current organisation whose key or one of whose aliases is that name, ignoring case.
 * A curator makes an account known by adding its name as an alias (e.g. {@code meta-llama} for
 * Meta). A name two organisations claim stands for neither: a guess would misattribute work.
 */
public final class OrganisationNames {
    private final Map<String, Long> byName = new HashMap<>();

    private OrganisationNames() {
    }

    public static OrganisationNames load(Connection c) throws SQLException {
        OrganisationNames names = new OrganisationNames();
        Map<String, Long> seen = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select distinct v.id, lower(n) from organisation_version v join organisation o on o.id = v.id,
                       unnest(array_append(v.aliases, o.key)) n
                where v.superseded_at is null""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Long previous = seen.putIfAbsent(r.getString(2), r.getLong(1));
                if (previous != null && previous != r.getLong(1)) {
                    seen.put(r.getString(2), -1L);
                }
            }
        }
        seen.forEach((name, id) -> {
            if (id > 0) {
                names.byName.put(name, id);
            }
        });
        return names;
    }

    /** The organisation the name stands for, or null. */
    public Long organisationOf(String accountName) {
        return accountName == null ? null : byName.get(accountName.strip().toLowerCase(Locale.ROOT));
    }
}
