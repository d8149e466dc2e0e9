import { Link } from "../../shared/router";
import { PageHead } from "../../shared/ui";

export function NotFound(props: { what?: string }) {
  return (
    <section>
      <PageHead title="Page not found" appName="Tableside Console" />
      <p>{props.what ?? "There is no console page at this address."}</p>
      <p>
        <Link href="/console/">Go to the console home</Link>
      </p>
    </section>
  );
}
