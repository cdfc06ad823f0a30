// The XML writer for the AWS Query protocol: nested objects become elements, arrays become
// `<member>` lists, undefined values are left out (AWS omits absent optional members).

export type XmlValue = string | number | boolean | undefined | null | XmlValue[] | { [name: string]: XmlValue };

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

export function toXml(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml("member", v)).join("")}</${name}>`;
  if (typeof value === "object") {
    const inner = Object.entries(value).map(([k, v]) => toXml(k, v)).join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
