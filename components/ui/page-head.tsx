export function PageHead({ title, intro }: { title: string; intro?: string }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      {intro ? <p className="muted">{intro}</p> : null}
    </div>
  );
}
