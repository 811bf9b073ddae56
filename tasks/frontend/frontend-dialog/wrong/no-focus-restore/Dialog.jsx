import React, { useEffect, useRef } from "react";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  '[tabindex]:not([tabindex="-1"])',
].join(", ");

function focusables(container) {
  return container ? Array.from(container.querySelectorAll(FOCUSABLE)) : [];
}

export default function Dialog({ id, open, onClose, title, description, children }) {
  const dialogRef = useRef(null);

  useEffect(() => {
    if (!open) return;
    const first = focusables(dialogRef.current)[0];
    if (first) first.focus();
    else if (dialogRef.current) dialogRef.current.focus();
  }, [open]);

  if (!open) return null;

  function handleKeyDown(event) {
    if (event.key === "Escape") {
      onClose();
      return;
    }
    if (event.key !== "Tab") return;
    const items = focusables(dialogRef.current);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function handleBackdropClick(event) {
    if (event.target === event.currentTarget) onClose();
  }

  const titleId = `${id}-title`;
  const hasDescription = description !== undefined && description !== null;
  const descriptionId = `${id}-description`;

  return (
    <div className="dialog-backdrop" onClick={handleBackdropClick}>
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={hasDescription ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {hasDescription && <p id={descriptionId}>{description}</p>}
        {children}
        <button type="button" className="dialog-close" onClick={() => onClose()}>
          Close
        </button>
      </div>
    </div>
  );
}
