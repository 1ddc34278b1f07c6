package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;

/**
 * Server administrators: accounts named in {@code majlis.admins}. A guest is never one, whatever
 * its name: guest names are free for anyone to take.
 */
@ApplicationScoped
public class Admins {

    private final Set<String> configured;

    public Admins(MajlisConfig config) {
        this.configured = config.admins().orElse(List.of()).stream().map(Names::key).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the logged-in user is an administrator. May block (worker threads only). */
    public boolean isAdmin(String username, boolean guest) {
        return !guest && configured.contains(Names.key(username));
    }
}
