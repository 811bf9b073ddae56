import React, { useRef, useState } from "react";

function enabledIndexes(tabs) {
  const result = [];
  tabs.forEach((tab, index) => {
    if (!tab.disabled) result.push(index);
  });
  return result;
}

function findTarget(tabs, from, key) {
  const enabled = enabledIndexes(tabs);
  if (enabled.length === 0) return -1;
  const count = tabs.length;
  if (key === "Home") return enabled[0];
  if (key === "End") return enabled[enabled.length - 1];
  const step = key === "ArrowRight" ? 1 : -1;
  for (let index = from + step; index >= 0 && index < count; index += step) {
    if (!tabs[index].disabled) return index;
  }
  return from;
}

const KEYS = new Set(["ArrowRight", "ArrowLeft", "Home", "End"]);

export default function Tabs({ id, tabs, label, defaultIndex = 0, onChange }) {
  const [selected, setSelected] = useState(defaultIndex);
  const buttons = useRef([]);

  function select(index) {
    if (index === selected) return;
    setSelected(index);
    if (onChange) onChange(index);
  }

  function handleKeyDown(event, index) {
    if (!KEYS.has(event.key)) return;
    event.preventDefault();
    const target = findTarget(tabs, index, event.key);
    if (target < 0) return;
    const button = buttons.current[target];
    if (button) button.focus();
    select(target);
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((tab, index) => (
          <button
            key={index}
            ref={(el) => { buttons.current[index] = el; }}
            type="button"
            role="tab"
            id={`${id}-tab-${index}`}
            aria-selected={index === selected ? "true" : "false"}
            aria-controls={`${id}-panel-${index}`}
            tabIndex={index === selected ? 0 : -1}
            disabled={tab.disabled ? true : undefined}
            onClick={() => { if (!tab.disabled) select(index); }}
            onKeyDown={(event) => handleKeyDown(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab, index) => (
        <div
          key={index}
          role="tabpanel"
          id={`${id}-panel-${index}`}
          aria-labelledby={`${id}-tab-${index}`}
          tabIndex={0}
          hidden={index !== selected}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
