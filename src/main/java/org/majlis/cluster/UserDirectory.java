package org.majlis.cluster;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.majlis.names.Names;
import org.majlis.protocol.ServerEvent.UserStatus;

/**
 * What the other nodes need to know about this node's users: who is online with which status,
 * and which guest names are taken. One node keeps nothing here ({@link #LOCAL}); a cluster keeps
 * it in Redis ({@link RedisUserDirectory}). Methods that answer block (worker threads only).
 */
public interface UserDirectory {

    /**
     * Claims a guest name, by its {@link org.majlis.names.Names#skeleton} so that lookalikes
     * collide, for this node; false when another live node holds it. The other guest-name methods
     * take the same skeleton.
     */
    boolean claimGuestName(String key);

    /** A guest back with its session token holds its name here too, wherever else it is connected. */
    void joinGuestName(String key);

    /** Gives a guest name back (its last connection here closed). */
    void releaseGuestName(String key);

    /** Whether a guest of that name is connected to another live node. */
    boolean guestElsewhere(String key);

    /** The user is online here with that status (recorded in order, without waiting). */
    void online(String name, String status);

    /** The user's last connection here closed (recorded in order, without waiting). */
    void offline(String name);

    /** Everyone online on the other live nodes. */
    List<UserStatus> elsewhere();

    /** How many are online on the other live nodes. */
    default int countElsewhere() {
        return elsewhere().size();
    }

    /** Those of these names online on another live node, with their status. */
    default List<UserStatus> statusesElsewhere(Collection<String> names) {
        Set<String> keys = new HashSet<>();
        names.forEach(name -> keys.add(Names.key(name)));
        return elsewhere().stream().filter(user -> keys.contains(Names.key(user.username()))).toList();
    }

    /** The user's name as connected to another live node, or null. */
    String nameElsewhere(String name);

    /** Whether the user is online on another live node. */
    default boolean onlineElsewhere(String name) {
        return nameElsewhere(name) != null;
    }

    /** The single node: nobody is elsewhere. */
    UserDirectory LOCAL = new UserDirectory() {
        @Override
        public boolean claimGuestName(String key) {
            return true;
        }

        @Override
        public void joinGuestName(String key) {
        }

        @Override
        public void releaseGuestName(String key) {
        }

        @Override
        public boolean guestElsewhere(String key) {
            return false;
        }

        @Override
        public void online(String name, String status) {
        }

        @Override
        public void offline(String name) {
        }

        @Override
        public List<UserStatus> elsewhere() {
            return List.of();
        }

        @Override
        public String nameElsewhere(String name) {
            return null;
        }
    };
}
