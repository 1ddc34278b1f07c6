package org.majlis.commands;

import org.majlis.protocol.ServerEvent.NewMessage;

/**
 * A CDI event: a message of a room was stored by this node and delivered. Observers run on the
 * message writer's delivery thread, so they only hand the message on.
 */
public record RoomMessagePosted(NewMessage message) {
}
