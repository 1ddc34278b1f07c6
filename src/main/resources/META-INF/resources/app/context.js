// The page's single instances, shared by its modules: the protocol client, what the page knows
// (state), the browser's session store, this tab's place (open conversation, drafts),
// preferences, the muted conversations, optional frames, desktop notifications, and above the
// presence threshold the online directory and the presence subscriptions; the profiles shown.

import { MajlisClient, getProfile } from '../majlis-client.js';
import { DesktopNotifier } from '../notifications.js';
import { Mutes } from './mutes.js';
import { OnlineDirectory } from './online-directory.js';
import { OptionalFrames } from './optional-frames.js';
import { PresenceInterest } from './presence-interest.js';
import { ProfileCache } from './profiles.js';
import { Preferences, SessionStore, TabStore } from './session-store.js';
import { ChatState } from './state.js';

export const client = new MajlisClient();
export const sessionStore = new SessionStore();
export const preferences = new Preferences();
export const tabStore = new TabStore();
export const mutes = new Mutes(preferences);
export const state = new ChatState({ readMarks: (me) => sessionStore.readMarks(me) });
export const optionalFrames = new OptionalFrames(client, state.unsupported);
export const notifier = new DesktopNotifier();
export const directory = new OnlineDirectory((request) => client.users(request));
export const interest = new PresenceInterest((names) => client.subscribePresence(names), {
  sources: ['direct', 'members', 'online'],
});
export const profiles = new ProfileCache((name) => getProfile(name, { token: client.session?.token }));
