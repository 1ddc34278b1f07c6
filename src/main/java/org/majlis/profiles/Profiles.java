package org.majlis.profiles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.majlis.auth.AccountDeleted;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.names.DisplayText;
import org.majlis.presence.PresenceScope;
import org.majlis.protocol.ServerEvent.ProfileChanged;

/**
 * Accounts' profiles: read them, change one's own, and tell of a change whoever hears of the
 * account's presence (everyone in the {@code all} presence scope, the account's audience in
 * {@code subscribed}: never every connection of a large community). Blocking (JDBC, images).
 */
@ApplicationScoped
public class Profiles {

    static final int MAX_DISPLAY_NAME = 64;
    static final int MAX_STATUS_TEXT = 140;

    private final ProfileStore store;
    private final FanOut fanOut;
    private final PresenceScope scope;

    Profiles(ProfileStore store, FanOut fanOut, PresenceScope scope) {
        this.store = store;
        this.fanOut = fanOut;
        this.scope = scope;
    }

    /** The profile of the account of that name, or null when there is none. */
    ProfileChanged find(String name) {
        Profile profile = store.find(name);
        return profile == null ? null : view(profile);
    }

    /** Sets the account's display name and status text (null or blank: cleared); throws {@link DisplayText.Refused}. */
    ProfileChanged setText(String name, String displayName, String statusText) {
        String display = DisplayText.normalize(displayName, MAX_DISPLAY_NAME);
        String status = DisplayText.normalize(statusText, MAX_STATUS_TEXT);
        store.setText(name, display, status);
        return changed(name);
    }

    /** Makes the upload the account's avatar; throws {@link AvatarImages.Unusable} for a picture it cannot be. */
    ProfileChanged setAvatar(String name, byte[] upload) throws AvatarImages.Unusable {
        byte[] png = AvatarImages.avatar(upload);
        store.setAvatar(name, png, version(png));
        return changed(name);
    }

    ProfileChanged removeAvatar(String name) {
        store.setAvatar(name, null, null);
        return changed(name);
    }

    ProfileStore.Avatar avatar(String name) {
        return store.avatar(name);
    }

    /** A deleted account's profile goes with it (its picture is no longer served). */
    void accountDeleted(@Observes AccountDeleted deleted) {
        store.delete(deleted.userKey());
    }

    private ProfileChanged changed(String name) {
        ProfileChanged event = find(name);
        fanOut.send(scope.subscribed() ? new Target.Audience(event.username()) : new Target.Everyone(), event);
        return event;
    }

    private static ProfileChanged view(Profile profile) {
        String avatarUrl = profile.avatarVersion() == null ? null : "/api/users/"
                + URLEncoder.encode(profile.username(), StandardCharsets.UTF_8).replace("+", "%20") + "/avatar?v="
                + profile.avatarVersion();
        return new ProfileChanged(profile.username(), profile.displayName(), profile.statusText(), avatarUrl);
    }

    /** The first 128 bits of the bytes' SHA-256: the same picture is the same version, on every node. */
    private static String version(byte[] png) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
