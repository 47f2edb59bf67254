import "./messages.css";
import { memo } from "react";
import { useScrollFocus } from "../a11y/useScrollFocus";
import { Alerts } from "./Alerts";
import { StatusLine } from "./StatusLine";
import { UpdateBanner } from "../offline/UpdateBanner";

/** Toasts and alerts in one column on the canvas, under its tab row: beside the lesson card
 *  and the code panel rather than over them, clear of the zoom buttons and the minimap. */
function MessageStackImpl() {
  const box = useScrollFocus<HTMLDivElement>();
  return (
    <div className="message-stack" ref={box}>
      <UpdateBanner />
      <StatusLine />
      <Alerts />
    </div>
  );
}

export const MessageStack = memo(MessageStackImpl);
