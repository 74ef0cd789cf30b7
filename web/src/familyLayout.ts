// Lays out a child's household and family for the graph: one box per household (the
// current ones first), each person once, the child in their current household, relatives
// who live elsewhere in a box of their own; boxes flow left to right and wrap to the width.
// Pure: the SVG component only draws what this returns.
import { RELATIONSHIP_LABEL } from './format';
import type { ChildRecord, Person, RelationshipKind } from './types';

export const CELL_W = 190;
export const CELL_H = 66;
const BOX_PAD = 12;
const BOX_TITLE = 44;
const GAP = 20;

export interface FamilyNode {
  person: Person;
  subject: boolean;
  relation: string; // to the child, in words ("Parent"), "" when not known
  risk: boolean; // an adult posing a risk
  left: string | null; // the day they left the household, when they have
  x: number; // centre of the node's symbol
  y: number;
}

export interface FamilyBox {
  key: string;
  title: string;
  address: string;
  current: boolean;
  from: string;
  to: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  members: FamilyNode[];
}

export interface FamilyEdge {
  from: FamilyNode;
  to: FamilyNode;
  risk: boolean;
}

export interface FamilyLayout {
  width: number;
  height: number;
  boxes: FamilyBox[];
  nodes: FamilyNode[];
  edges: FamilyEdge[];
}

const INVERSE: Partial<Record<RelationshipKind, string>> = {
  parent: 'Child',
  child: 'Parent',
  grandparent: 'Grandchild',
  partner_of_parent: "Partner's child",
  carer: 'Cared for',
};

interface Relation {
  label: string;
  risk: boolean;
}

/** How each related person stands to the child, from the record's relationships. */
export function relationsOf(record: ChildRecord): Map<number, Relation> {
  const subject = record.person.id;
  const out = new Map<number, Relation>();
  for (const r of record.relationships) {
    // person_id is <kind> of other_id ("220 is parent of 222"); `other` is never the child.
    const otherIsSubject = r.other_id === subject;
    const label = otherIsSubject ? RELATIONSHIP_LABEL[r.kind] : INVERSE[r.kind] ?? RELATIONSHIP_LABEL[r.kind];
    const ended = r.to ? ' (ended)' : '';
    const prev = out.get(r.other.id);
    const text = prev ? `${prev.label}, ${label}${ended}` : label + ended;
    out.set(r.other.id, { label: text, risk: (prev?.risk ?? false) || r.kind === 'adult_posing_risk' });
  }
  return out;
}

export function layoutFamily(record: ChildRecord, maxWidth: number): FamilyLayout {
  const relations = relationsOf(record);
  const placed = new Set<number>();
  const groups: Omit<FamilyBox, 'x' | 'y' | 'w' | 'h'>[] = [];
  const households = [...record.households].sort((a, b) => {
    if (!a.to !== !b.to) return a.to ? 1 : -1; // current first
    return b.from.localeCompare(a.from);
  });
  const node = (person: Person, left: string | null): FamilyNode => ({
    person,
    subject: person.id === record.person.id,
    relation: person.id === record.person.id ? 'This child' : relations.get(person.id)?.label ?? '',
    risk: relations.get(person.id)?.risk ?? false,
    left,
    x: 0,
    y: 0,
  });

  for (const h of households) {
    const members: FamilyNode[] = [];
    const ordered = [...h.members].sort((a, b) => rank(a.person, record.person.id) - rank(b.person, record.person.id));
    for (const m of ordered) {
      if (placed.has(m.person.id)) continue;
      placed.add(m.person.id);
      members.push(node(m.person, m.to));
    }
    if (members.length === 0 && h.to) continue;
    groups.push({
      key: `h${h.id}`,
      title: h.to ? 'Past household' : 'Current household',
      address: [h.address, h.postcode].filter(Boolean).join(', '),
      current: !h.to,
      from: h.from,
      to: h.to,
      members,
    });
  }
  if (!placed.has(record.person.id)) {
    placed.add(record.person.id);
    groups.unshift({ key: 'subject', title: 'This child', address: 'No household recorded', current: true, from: '', to: null, members: [node(record.person, null)] });
  }
  const elsewhere: FamilyNode[] = [];
  for (const r of record.relationships) {
    if (placed.has(r.other.id)) continue;
    placed.add(r.other.id);
    elsewhere.push(node(r.other, null));
  }
  if (elsewhere.length > 0) {
    groups.push({ key: 'elsewhere', title: 'Family living elsewhere', address: '', current: false, from: '', to: null, members: elsewhere });
  }

  // Flow the boxes, wrapping at maxWidth.
  const boxes: FamilyBox[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const g of groups) {
    const columns = g.members.length > 3 && maxWidth >= 2 * CELL_W + 2 * BOX_PAD ? 2 : 1;
    const rows = Math.max(1, Math.ceil(g.members.length / columns));
    const w = columns * CELL_W + 2 * BOX_PAD;
    const h = BOX_TITLE + rows * CELL_H + BOX_PAD / 2;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    const box: FamilyBox = { ...g, x, y, w, h };
    g.members.forEach((n, i) => {
      n.x = x + BOX_PAD + (i % columns) * CELL_W + 20;
      n.y = y + BOX_TITLE + Math.floor(i / columns) * CELL_H + 22;
    });
    boxes.push(box);
    x += w + GAP;
    width = Math.max(width, x - GAP);
    rowHeight = Math.max(rowHeight, h);
  }
  const nodes = boxes.flatMap((b) => b.members);
  const subject = nodes.find((n) => n.subject)!;
  const edges: FamilyEdge[] = nodes
    .filter((n) => !n.subject && n.relation)
    .map((n) => ({ from: subject, to: n, risk: n.risk }));
  return { width: Math.max(width, 1), height: y + rowHeight + 2, boxes, nodes, edges };
}

// The child first, then adults, then other children, each by date of birth.
function rank(p: Person, subject: number): number {
  if (p.id === subject) return 0;
  return p.kind === 'adult' ? 1 : 2;
}
