// The page's store: its state and slices are described in state.ts; features import the
// store and its named updaters from here.
export {
  useStore,
  type Alert,
  type AddBox,
  type NodeMenu,
  type SharePanelState,
  type State,
} from "./state";
export * from "./document";
export * from "./engine";
export * from "./ui";
