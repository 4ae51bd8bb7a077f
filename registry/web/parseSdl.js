/**
 * @typedef {{ coordinate: string, name: string, type: string, deprecated: boolean }} SdlField
 * @typedef {{ name: string, kind: 'type' | 'interface' | 'input' | 'enum', fields: SdlField[] }} SdlType
 */

/**
 * Lists the object, interface and input types of an SDL with their fields (and enums with their values), in the
 * order they are printed. A minimal reader for the explorer, not a validator: descriptions, comments and
 * arguments are dropped first, which leaves one `name: Type @directives` per field. Fields of `extend type` are
 * merged into the type.
 * @param {string} sdl
 * @returns {SdlType[]}
 */
export function parseSdl(sdl) {
  const bare = removeBalanced(sdl.replace(/"""[\s\S]*?"""/g, ' ').replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/#[^\n]*/g, ''), '(', ')');
  /** @type {Map<string, SdlType>} */
  const types = new Map();
  const definition = /\b(?:extend\s+)?(type|interface|input|enum)\s+([_A-Za-z][_0-9A-Za-z]*)[^{}]*\{([^{}]*)\}/g;
  for (const match of bare.matchAll(definition)) {
    const kind = /** @type {SdlType['kind']} */ (match[1]);
    const name = match[2] ?? '';
    const body = match[3] ?? '';
    const type = types.get(name) ?? { name, kind, fields: [] };
    types.set(name, type);
    const member =
      kind === 'enum'
        ? /([_A-Za-z][_0-9A-Za-z]*)()((?:\s*@[_A-Za-z][_0-9A-Za-z]*)*)/g
        : /([_A-Za-z][_0-9A-Za-z]*)\s*:\s*([[\]_0-9A-Za-z!\s]+?)((?:\s*@[_A-Za-z][_0-9A-Za-z]*)*)(?=\s+[_A-Za-z][_0-9A-Za-z]*\s*:|\s*$)/g;
    for (const field of body.matchAll(member)) {
      const fieldName = field[1] ?? '';
      type.fields.push({
        coordinate: `${name}.${fieldName}`,
        name: fieldName,
        type: (field[2] ?? '').replace(/\s+/g, ''),
        deprecated: /@deprecated\b/.test(field[3] ?? ''),
      });
    }
  }
  return [...types.values()];
}

/**
 * Drops everything between balanced `open`/`close` pairs (arguments, directive arguments).
 * @param {string} text @param {string} open @param {string} close
 */
function removeBalanced(text, open, close) {
  let depth = 0;
  let result = '';
  for (const character of text) {
    if (character === open) depth++;
    else if (character === close) depth = Math.max(0, depth - 1);
    else if (depth === 0) result += character;
  }
  return result;
}
