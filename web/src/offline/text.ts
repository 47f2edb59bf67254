// Every string the offline feature shows, in one place for the translations.
export const offlineText = {
  updateReady: "A new version is ready: reload",
  reloadLabel: "Reload",
  reloadTitle: "Switch to the new version of the playground (reloads the page; your graph is kept)",
  offlineReady: "The playground now works offline too.",
} as const;
