// The page's layout; every panel lives beside its feature.
import { CsvDialog } from "./data/CsvDialog";
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
import { EmbedBar } from "./embed/EmbedBar";
import { useStore } from "./store/store";
import { PhoneToolbar } from "./toolbar/PhoneToolbar";
import { usePhone } from "./layout/media";
import { SkipLink } from "./a11y/SkipLink";
import { ConnectDialog } from "./a11y/ConnectDialog";
// The page's frame; each panel imports its own sheet.
import "./app.css";
// After every panel's own sheet: on phones and tablets it moves them.
import "./layout/layout.css";

/** An embed (a link's embed=1, in a course's or a blog's page): the canvas and its small
 *  toolbar, nothing else. */
function EmbedApp() {
  return (
    <ReactFlowProvider>
      <div className="app embed">
        <EmbedBar />
        <main className="workspace">
          <div className="canvas-wrap">
            <div className="canvas-area">
              <MessageStack />
              <Canvas />
            </div>
          </div>
          <SidePanels />
        </main>
      </div>
    </ReactFlowProvider>
  );
}

export function App() {
  useShortcuts();
  const embed = useStore((s) => s.link.embed);
  return embed ? <EmbedApp /> : <FullApp />;
}

function FullApp() {
  const view = useCode((s) => s.view);
  const notebookOpen = useCode((s) => s.open);
  // Parts a link's hide= flag leaves out (embed/flags.ts).
  const hidden = useStore((s) => s.link.hidden);
  const code = !hidden.has("code");
  const phone = usePhone();

  return (
    <ReactFlowProvider>
      <div className="app">
        <SkipLink />
        {phone ? (
          <PhoneToolbar />
        ) : (
          <>
            <Toolbar />
            <FlowToolbar />
          </>
        )}
        <main className="workspace">
          {!hidden.has("palette") && <Palette />}
          <div className="canvas-wrap">
            {!hidden.has("lessons") && <LessonPanel />}
            {/* Above the canvas, like the lesson: the canvas gives them room, so they cover
                none of its buttons. */}
            <div className="canvas-panels">
              <SharePanel />
              <ScriptPanel />
            </div>
            <div className="canvas-area">
              {code && <CanvasTabs />}
              <MessageStack />
              {/* On the canvas, not in the toolbar: the toolbar keeps one row at 1024 px. A
                  phone's toolbar menu holds these. */}
              {!phone && (
                <div className="canvas-bar">
                  {code && <ActionButton name="copyAsPyTorch" className="tb-button" />}
                  {!hidden.has("lessons") && <LessonsMenu />}
                  {code && <NotebookToggle />}
                  <ActionButton name="starters" className="tb-button" />
                  <ActionButton name="shortcuts" className="tb-button" />
                </div>
              )}
              {view === "code" && code ? (
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
          {notebookOpen && code && <NotebookPanel />}
        </main>
        <FirstRun />
        <CsvDialog />
        <ConnectDialog />
      </div>
    </ReactFlowProvider>
  );
}
