import React from "react";

export type PageItem = number | "ellipsis";

export interface PaginationProps {
  page: number;
  totalPages: number;
  onPageChange: (page: number) => void;
  siblingCount?: number;
  label?: string;
}

function range(from: number, to: number): number[] {
  const result: number[] = [];
  for (let n = from; n <= to; n += 1) result.push(n);
  return result;
}

function clamp(page: number, totalPages: number): number {
  return Math.min(Math.max(page, 1), totalPages);
}

export function getPageItems(page: number, totalPages: number, siblingCount = 1): PageItem[] {
  if (totalPages < 1) return [];
  const current = clamp(page, totalPages);
  const s = siblingCount;
  if (totalPages <= 2 * s + 5) return range(1, totalPages);
  if (current <= s + 3) return [...range(1, 2 * s + 3), "ellipsis", totalPages];
  if (current >= totalPages - s - 2) return [1, "ellipsis", ...range(totalPages - 2 * s - 2, totalPages)];
  return [1, "ellipsis", ...range(current - s, current + s), "ellipsis", totalPages];
}

export default function Pagination({
  page,
  totalPages,
  onPageChange,
  siblingCount = 1,
  label = "Pagination",
}: PaginationProps) {
  if (totalPages < 1) return null;
  const current = clamp(page, totalPages);
  const items = getPageItems(current, totalPages, siblingCount);

  return (
    <nav aria-label={label}>
      <ul>
        <li>
          <button
            type="button"
            aria-label="Previous page"
            disabled={current <= 1}
            onClick={() => onPageChange(current - 1)}
          >
            Previous
          </button>
        </li>
        {items.map((item, index) =>
          item === "ellipsis" ? (
            <li key={`ellipsis-${index}`}>
              <span aria-hidden="true">{"\u2026"}</span>
            </li>
          ) : (
            <li key={item}>
              <button
                type="button"
                aria-label={`Page ${item}`}
                aria-current={item === current ? "page" : undefined}
                onClick={() => {
                  if (item !== current) onPageChange(item);
                }}
              >
                {item}
              </button>
            </li>
          ),
        )}
        <li>
          <button
            type="button"
            aria-label="Next page"
            disabled={current >= totalPages}
            onClick={() => onPageChange(current + 1)}
          >
            Next
          </button>
        </li>
      </ul>
    </nav>
  );
}
