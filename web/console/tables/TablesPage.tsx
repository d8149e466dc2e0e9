// Owned by the menus work: tables, QR codes and the printable sheet.
export function TablesPage(props: { merchantId: string }) {
  return <section aria-label="Tables">Tables for {props.merchantId}</section>;
}
