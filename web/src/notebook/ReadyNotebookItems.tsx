import { openReadyNotebook } from "./commands";
import { readyNotebooks } from "./ready";

/** The ready notebooks as menu items, in the page's language where one is written in it;
 *  picking one closes the menu (`onPicked`) and opens it in the code panel. Shared by the
 *  Lessons menu and the code panel's Notebooks menu. */
export function ReadyNotebookItems({
  lang,
  className,
  onPicked,
}: {
  lang: string;
  className: string;
  onPicked: () => void;
}) {
  return (
    <>
      {readyNotebooks(lang).map((e) => (
        <button
          key={e.id}
          type="button"
          role="menuitem"
          className={className}
          lang={e.lang}
          data-notebook={e.id}
          onClick={() => {
            onPicked();
            void openReadyNotebook(e);
          }}
        >
          {e.title}
        </button>
      ))}
    </>
  );
}
