/** A row of links between the pages of one area; the current page is marked for assistive technology. */
export function SubNav({ label, links, current }: { label: string; links: ReadonlyArray<{ href: string; label: string }>; current: string }) {
  return (
    <nav className="sub-nav" aria-label={label}>
      {links.map((l) => (
        <a key={l.href} href={l.href} aria-current={l.href === current ? 'page' : undefined}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
