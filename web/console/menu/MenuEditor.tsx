// Owned by the menus work: the console's menu editor.
export function MenuEditor(props: { merchantId: string }) {
  return <section aria-label="Menu">Menu editor for {props.merchantId}</section>;
}
