// The page's layout; every panel lives beside its feature.
import { ReactFlowProvider } from "@xyflow/react";
import { ActionButton } from "./actions/ActionButton";
import { useShortcuts } from "./actions/useShortcuts";
import { Toolbar } from "./toolbar/Toolbar";
import { FlowToolbar } from "./toolbar/FlowToolbar";
import { SidePanels } from "./SidePanels";
import { Palette } from "./palette/Palette";
import { Canvas } from "./editor/Canvas";
import { Hint } from "./editor/Hint";
import { MessageStack } from "./messages/MessageStack";
import { SharePanel } from "./share/SharePanel";
import { ScriptPanel } from "./export/ScriptPanel";
import { useCode } from "./notebook/store";
import { CodePanel as NotebookPanel } from "./notebook/CodePanel";
import { CanvasTabs, CodeCanvas } from "./notebook/CodeCanvas";
import { NotebookToggle } from "./notebook/NotebookToggle";
import { LessonPanel } from "./lessons/LessonPanel";
import { LessonsMenu } from "./lessons/LessonsMenu";
import { FirstRun } from "./firstrun/FirstRun";
import { SkipLink } from "./a11y/SkipLink";
import { ConnectDialog } from "./a11y/ConnectDialog";
// The page's frame; each panel imports its own sheet.
import "./app.css";

export function App() {
  const view = useCode((s) => s.view);
  const notebookOpen = useCode((s) => s.open);
  useShortcuts();

  return (
    <ReactFlowProvider>
      <div className="app">
        <SkipLink />
        <Toolbar />
        <FlowToolbar />
        <main className="workspace">
          <Palette />
          <div className="canvas-wrap">
            <LessonPanel />
            {/* Above the canvas, like the lesson: the canvas gives them room, so they cover
                none of its buttons. */}
            <div className="canvas-panels">
              <SharePanel />
              <ScriptPanel />
            </div>
            <div className="canvas-area">
              <CanvasTabs />
              <MessageStack />
              {/* On the canvas, not in the toolbar: the toolbar keeps one row at 1024 px. */}
              <div className="canvas-bar">
                <ActionButton name="copyAsPyTorch" className="tb-button" />
                <LessonsMenu />
                <NotebookToggle />
                <ActionButton name="starters" className="tb-button" />
                <ActionButton name="shortcuts" className="tb-button" />
              </div>
              {view === "code" ? (
                <CodeCanvas />
              ) : (
                <>
                  <Hint />
                  <Canvas />
                </>
              )}
            </div>
          </div>
          <SidePanels />
          {notebookOpen && <NotebookPanel />}
        </main>
        <FirstRun />
        <ConnectDialog />
      </div>
    </ReactFlowProvider>
  );
}
