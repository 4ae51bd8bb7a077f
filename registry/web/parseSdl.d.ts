/** One field (or enum value) as the explorer lists it. */
export interface SdlField {
  coordinate: string;
  name: string;
  type: string;
  deprecated: boolean;
}
/** One type with its fields, in printed order. */
export interface SdlType {
  name: string;
  kind: 'type' | 'interface' | 'input' | 'enum';
  fields: SdlField[];
}
/** Lists the types and fields of an SDL (a minimal reader for the schema explorer). */
export function parseSdl(sdl: string): SdlType[];
