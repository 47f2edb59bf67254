import "./gradcheck.css";
import { memo } from "react";
import { useStore } from "../store/store";
import { closeGradcheck, useGradcheck } from "./store";

function diffText(d: number): string {
  return d === 0 ? "0" : d.toExponential(2);
}

function GradcheckPanelImpl() {
  const node = useGradcheck((s) => s.node);
  const leaves = useGradcheck((s) => s.leaves);
  const doc = useStore((s) => s.doc);
  if (!node || !leaves) return null;
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const entries = Object.entries(leaves);
  const allOk = entries.every(([, l]) => l.ok);
  return (
    <section
      className="gradcheck-panel side-card"
      aria-label="Gradient check"
      data-all-ok={allOk ? "true" : "false"}
    >
      <header className="sp-head">
        <strong>Gradient check of {name(node)}</strong>
        <button type="button" onClick={closeGradcheck} aria-label="Close the gradient check">
          ×
        </button>
      </header>
      <p className="sp-note">
        Largest |autograd − central difference| per leaf, both in float64 (eps 1e-6).
      </p>
      {entries.length === 0 ? (
        <p className="sp-muted">No leaf requires grad: nothing to check.</p>
      ) : (
        <table className="gc-table">
          <thead>
            <tr>
              <th scope="col">leaf</th>
              <th scope="col">max diff</th>
              <th scope="col">result</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([id, l]) => (
              <tr
                key={id}
                data-gradcheck-leaf={id}
                data-ok={l.ok ? "true" : "false"}
                className={l.ok ? "gc-ok" : "gc-bad"}
                title={`autograd: ${l.analytic}\nfinite differences: ${l.numeric}`}
              >
                <td>{name(id)}</td>
                <td>{diffText(l.max_abs_diff)}</td>
                <td>{l.ok ? "✓ ok" : "✗ differs"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const GradcheckPanel = memo(GradcheckPanelImpl);
