/**
 * "hidden" while the chat list is put away on wide screens: read by the workspace's
 * layout (a server component) and written by sidebar-visibility.tsx.
 */
export const SIDEBAR_COOKIE = "skillmate_sidebar";
