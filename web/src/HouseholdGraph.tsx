// The household and family as a network graph (SVG drawn from familyLayout), with the same
// facts as a list beneath it for screen readers and for reading. Children other than this
// one link to their own record; adults have none. An adult posing a risk is marked by a
// dashed red line, a warning sign and the words, never by colour alone.
import { describeAge, formatDate, fullName } from './format';
import { CELL_W, type FamilyNode, layoutFamily } from './familyLayout';
import type { ChildRecord } from './types';
import { useWidth } from './useWidth';

function NodeSymbol({ node }: { node: FamilyNode }) {
  const cls = `node-symbol${node.subject ? ' subject' : ''}${node.risk ? ' risk' : ''}${node.left ? ' left' : ''}`;
  if (node.person.kind === 'adult') return <rect class={cls} x={-13} y={-13} width={26} height={26} rx={4} />;
  return <circle class={cls} r={node.subject ? 16 : 13} />;
}

function NodeLabel({ node }: { node: FamilyNode }) {
  const age = describeAge(node.person);
  const second = [node.relation, age && `age ${age}`].filter(Boolean).join(', ');
  const maxChars = Math.floor((CELL_W - 40) / 7);
  const clip = (s: string) => (s.length > maxChars ? s.slice(0, maxChars - 1) + '…' : s);
  return (
    <>
      {/* Edges pass behind the label, not through it. */}
      <rect class="label-bg" x={18} y={-16} width={CELL_W - 44} height={36} rx={3} />
      <text class={`node-name${node.subject ? ' subject' : ''}`} x={22} y={-2}>
        {clip(fullName(node.person))}
      </text>
      <text class="node-relation" x={22} y={14}>
        {node.risk ? '⚠ ' : ''}
        {clip(second + (node.left ? `, left ${formatDate(node.left)}` : ''))}
      </text>
    </>
  );
}

export function HouseholdGraph({ record }: { record: ChildRecord }) {
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const layout = layoutFamily(record, width - 4);
  const subject = layout.nodes.find((n) => n.subject);
  const inCurrent = new Set(layout.boxes.filter((b) => b.current).flatMap((b) => b.members.map((m) => m.person.id)));

  return (
    <div class="family">
      <div class="graph" ref={boxRef}>
        <svg
          width={layout.width + 4}
          height={layout.height + 4}
          viewBox={`-2 -2 ${layout.width + 4} ${layout.height + 4}`}
          role="group"
          aria-label={`Family network of ${fullName(record.person)}: ${layout.nodes.length} people in ${layout.boxes.length} groups`}
          data-testid="household-graph"
        >
          {layout.boxes.map((b) => (
            <g key={b.key} class={`household${b.current ? ' current' : ''}`}>
              <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
              <text class="household-title" x={b.x + 10} y={b.y + 17}>
                {b.title}
                {b.from ? ` since ${formatDate(b.from)}` : ''}
                {b.to ? ` to ${formatDate(b.to)}` : ''}
              </text>
              <text class="household-address" x={b.x + 10} y={b.y + 33}>
                {b.address.length > 34 ? b.address.slice(0, 33) + '…' : b.address}
              </text>
            </g>
          ))}
          {subject &&
            layout.edges.map((e) => {
              const mx = (e.from.x + e.to.x) / 2;
              const my = Math.min(e.from.y, e.to.y) - 24;
              return (
                <path
                  key={e.to.person.id}
                  class={`edge${e.risk ? ' risk' : ''}`}
                  d={`M${e.from.x},${e.from.y} Q${mx},${my} ${e.to.x},${e.to.y}`}
                />
              );
            })}
          {layout.nodes.map((n) => {
            const body = (
              <>
                <NodeSymbol node={n} />
                <NodeLabel node={n} />
              </>
            );
            const linkable = !n.subject && n.person.kind !== 'adult';
            return (
              <g key={n.person.id} transform={`translate(${n.x},${n.y})`} class={inCurrent.has(n.person.id) ? 'node current' : 'node'}>
                {linkable ? (
                  <a href={`/children/${n.person.id}`} aria-label={`Open the record of ${fullName(n.person)} (${n.relation || 'relative'})`}>
                    {body}
                  </a>
                ) : (
                  body
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <p class="hint">
        Circles are children, squares adults; the thick outline is this child. Dashed outlines have left the household.
        A dashed red line and ⚠ mark an adult posing a risk.
      </p>
      <div class="family-list">
        {layout.boxes.map((b) => (
          <section key={b.key} aria-label={b.title}>
            <h4>
              {b.title}
              {b.address ? `: ${b.address}` : ''}
              {b.from ? ` (since ${formatDate(b.from)}${b.to ? `, left ${formatDate(b.to)}` : ''})` : ''}
            </h4>
            <ul>
              {b.members.map((n) => (
                <li key={n.person.id}>
                  {n.subject || n.person.kind === 'adult' ? (
                    fullName(n.person)
                  ) : (
                    <a href={`/children/${n.person.id}`}>{fullName(n.person)}</a>
                  )}
                  {n.relation ? ` — ${n.relation}` : ''}
                  {describeAge(n.person) ? `, age ${describeAge(n.person)}` : ''}
                  {n.left ? `, left ${formatDate(n.left)}` : ''}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
