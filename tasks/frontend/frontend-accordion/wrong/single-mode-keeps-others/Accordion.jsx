import React, { useRef, useState } from "react";

const NAV_KEYS = new Set(["ArrowDown", "ArrowUp", "Home", "End"]);

function initialOpen(defaultOpen, allowMultiple) {
  const list = Array.isArray(defaultOpen) ? defaultOpen : [];
  return allowMultiple ? [...new Set(list)] : list.slice(0, 1);
}

export default function Accordion({
  id,
  items,
  allowMultiple = false,
  defaultOpen = [],
  headingLevel = 3,
  onToggle,
}) {
  const [open, setOpen] = useState(() => initialOpen(defaultOpen, allowMultiple));
  const buttons = useRef([]);
  const Heading = `h${headingLevel}`;

  function toggle(index) {
    const isOpen = open.includes(index);
    let next;
    if (isOpen) next = open.filter((i) => i !== index);
    else next = [...open, index];
    setOpen(next);
    if (onToggle) onToggle(index, !isOpen);
  }

  function handleKeyDown(event, index) {
    if (!NAV_KEYS.has(event.key)) return;
    event.preventDefault();
    const count = items.length;
    let target = index;
    if (event.key === "ArrowDown") target = (index + 1) % count;
    else if (event.key === "ArrowUp") target = (index - 1 + count) % count;
    else if (event.key === "Home") target = 0;
    else target = count - 1;
    const button = buttons.current[target];
    if (button) button.focus();
  }

  return (
    <div className="accordion">
      {items.map((item, index) => {
        const isOpen = open.includes(index);
        return (
          <React.Fragment key={index}>
            <Heading>
              <button
                ref={(el) => { buttons.current[index] = el; }}
                type="button"
                id={`${id}-header-${index}`}
                aria-expanded={isOpen ? "true" : "false"}
                aria-controls={`${id}-panel-${index}`}
                onClick={() => toggle(index)}
                onKeyDown={(event) => handleKeyDown(event, index)}
              >
                {item.title}
              </button>
            </Heading>
            <div
              role="region"
              id={`${id}-panel-${index}`}
              aria-labelledby={`${id}-header-${index}`}
              hidden={!isOpen}
            >
              {item.content}
            </div>
          </React.Fragment>
        );
      })}
    </div>
  );
}
