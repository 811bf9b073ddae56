import React, { useState } from "react";

const FILTERS = [
  { name: "all", label: "All", test: () => true },
  { name: "active", label: "Active", test: (todo) => !todo.done },
  { name: "completed", label: "Completed", test: (todo) => todo.done },
];

export default function TodoList({ initialTodos = [] }) {
  const [todos, setTodos] = useState(() => initialTodos.map((todo) => ({ ...todo })));
  const [draft, setDraft] = useState("");
  const [filter, setFilter] = useState("all");

  function handleSubmit(event) {
    event.preventDefault();
    const text = draft.trim();
    if (text === "") return;
    setTodos((prev) => [...prev, { id: prev.length + 1, text, done: false }]);
    setDraft("");
  }

  function toggle(id) {
    setTodos((prev) => prev.map((todo) => (todo.id === id ? { ...todo, done: !todo.done } : todo)));
  }

  function remove(id) {
    setTodos((prev) => prev.filter((todo) => todo.id !== id));
  }

  function clearCompleted() {
    setTodos((prev) => prev.filter((todo) => !todo.done));
  }

  const active = FILTERS.find((f) => f.name === filter);
  const visible = todos.filter(active.test);
  const left = todos.filter((todo) => !todo.done).length;
  const anyDone = todos.some((todo) => todo.done);

  return (
    <section className="todo-app">
      <h2>Todos</h2>
      <form onSubmit={handleSubmit}>
        <label htmlFor="new-todo">New todo</label>
        <input id="new-todo" type="text" value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit">Add</button>
      </form>
      <ul aria-label="Todo items">
        {visible.map((todo) => (
          <li key={todo.id} data-id={todo.id}>
            <input
              type="checkbox"
              id={`todo-${todo.id}`}
              checked={todo.done}
              onChange={() => toggle(todo.id)}
            />
            <label htmlFor={`todo-${todo.id}`}>{todo.text}</label>
            <button type="button" aria-label={`Delete ${todo.text}`} onClick={() => remove(todo.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {visible.length === 0 && <p className="empty">Nothing to show</p>}
      <p id="todo-count" aria-live="polite">
        {`${left} ${left === 1 ? "item" : "items"} left`}
      </p>
      <div role="group" aria-label="Filter todos">
        {FILTERS.map((f) => (
          <button
            key={f.name}
            type="button"
            aria-pressed={filter === f.name ? "true" : "false"}
            onClick={() => setFilter(f.name)}
          >
            {f.label}
          </button>
        ))}
      </div>
      <button type="button" disabled={!anyDone} onClick={clearCompleted}>
        Clear completed
      </button>
    </section>
  );
}
