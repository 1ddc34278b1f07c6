// The page's single instances, shared by its modules: the protocol client, what the page knows
// (state), the tab's storage, preferences, optional frames and desktop notifications.

import { MajlisClient } from '../majlis-client.js';
import { DesktopNotifier } from '../notifications.js';
import { OptionalFrames } from './optional-frames.js';
import { Preferences, SessionStore } from './session-store.js';
import { ChatState } from './state.js';

export const client = new MajlisClient();
export const sessionStore = new SessionStore();
export const preferences = new Preferences();
export const state = new ChatState({ readMarks: (me) => sessionStore.readMarks(me) });
export const optionalFrames = new OptionalFrames(client, state.unsupported);
export const notifier = new DesktopNotifier();
