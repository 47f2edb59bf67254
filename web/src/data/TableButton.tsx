import { memo } from "react";
import { useT } from "../i18n";
import { openCsvDialog } from "./store";
import "./data.css";

/** A dataset node's `csv` param: a button that opens the table dialog (the table itself is
 *  too long for a field on a node). */
function TableButtonImpl({ node }: { node: string }) {
  const t = useT();
  return (
    <button
      type="button"
      className="nodrag node-table-button"
      title={t("data.tableTitle")}
      onClick={() => openCsvDialog(node)}
    >
      {t("data.tableButton")}
    </button>
  );
}

export const TableButton = memo(TableButtonImpl);
