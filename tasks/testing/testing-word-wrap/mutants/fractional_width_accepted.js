'use strict';

/**
 * Greedy word wrap.
 *
 * wrap(text, width, { breakLongWords = true } = {}) returns an array of lines.
 *
 * - text must be a string (TypeError otherwise); width must be an integer of
 *   at least 1 (RangeError otherwise).
 * - Line breaks ("\n" or "\r\n") in the text are kept: each line of the input
 *   is wrapped on its own, and an empty input line gives an empty output line.
 *   So "" gives [""] and "a\n\nb" gives ["a", "", "b"].
 * - Words are runs of characters other than spaces and tabs. Each output line
 *   holds as many whole words as fit within width characters, joined by single
 *   spaces; lines never start or end with a space.
 * - A word longer than width is cut into width-sized pieces when
 *   breakLongWords is true (the last piece may be followed by further words on
 *   its line); when it is false the word stays whole on its own, overlong line.
 */
function wrap(text, width, { breakLongWords = true } = {}) {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  if (typeof width !== 'number' || width < 1) throw new RangeError('width must be an integer >= 1');
  const lines = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/[ \t]+/).filter((word) => word.length > 0);
    let line = '';
    for (let word of words) {
      if (line.length > 0 && line.length + 1 + word.length <= width) {
        line += ' ' + word;
        continue;
      }
      if (line.length > 0) {
        lines.push(line);
        line = '';
      }
      while (breakLongWords && word.length > width) {
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

module.exports = { wrap };
