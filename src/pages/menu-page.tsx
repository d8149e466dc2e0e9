import type { ComponentChildren } from "preact";
import type { Translated } from "../db/schema";
import { availabilityAt } from "../domain/menu/availability";
import { ALLERGENS, DIETARY_TAGS } from "../domain/menu/catalog";
import { languageName, pickLang, pickText } from "../domain/menu/i18n";
import { formatDelta, formatPrice } from "../domain/menu/money";
import type { MenuDish, MenuOptionGroup, MenuSnapshot } from "../domain/menu/snapshot";
import type { MerchantContext, StoreContext } from "./context";
import { formatWindows } from "./hours";
import { stringsFor, type GuestStrings } from "./strings";
import { GUEST_CSS } from "./styles";
import { JS_FLAG_SCRIPT } from "./inline-scripts";
import { themeOf } from "./theme";
import { doorCallStrings } from "./door-call-strings";
import { Cover, DishPhoto, EAGER_DISH_PHOTOS, Logo } from "./images";

/** Stand-ins in the cached table page, filled per table when it is served (see `tableLabel`). */
export const TABLE_CODE_TOKEN = "__TS_TABLE_CODE__";
export const TABLE_NAME_TOKEN = "__TS_TABLE_NAME__";

/** "Table T4" for short names like T4 or 12; longer names ("Terrace 4", "Table 1") stand alone. */
export function tableLabel(name: string, lang: string): string {
  return !/\s/.test(name) && name.length <= 6 ? `${stringsFor(lang).table} ${name}` : name;
}

export interface MenuPageProps {
  kind: "table" | "restaurant";
  merchant: MerchantContext;
  store: StoreContext;
  /** The guest view of the menu (no staff-only dishes). */
  snapshot: MenuSnapshot;
  lang: string;
  now: number;
}

interface Ctx {
  lang: string;
  languages: string[];
  s: GuestStrings;
  currency: string;
  timeZone: string;
  now: number;
  ordering: boolean;
  merchantId: string;
}

/** Text in the page language, with a `lang` attribute when it fell back to another language. */
function tx(text: Translated, ctx: Ctx): { value: string; lang?: string } {
  const used = pickLang(text, ctx.lang, ctx.languages);
  return { value: pickText(text, ctx.lang, ctx.languages), lang: used && used !== ctx.lang ? used : undefined };
}

export function Document(props: { lang: string; title: string; accent: string; soft: string; children: ComponentChildren; script?: boolean }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content={props.accent} />
        {/* No icon request on a slow network. */}
        <link rel="icon" href="data:," />
        <title>{props.title}</title>
        <script dangerouslySetInnerHTML={{ __html: JS_FLAG_SCRIPT }} />
        <style dangerouslySetInnerHTML={{ __html: `:root{--a:${props.accent};--s:${props.soft}}${GUEST_CSS}` }} />
      </head>
      <body>
        {props.children}
        {props.script ? <script type="module" src="/guest/table.js" /> : null}
      </body>
    </html>
  );
}

function Header(props: { merchant: MerchantContext; store: StoreContext; ctx: Ctx; table: boolean }) {
  const { merchant, store, ctx } = props;
  const showStore = merchant.stores.length > 1 || store.name !== merchant.name;
  return (
    <header class="top">
      <Cover merchantId={merchant.id} branding={merchant.branding} />
      <div class="wrap">
        <div class="brand">
          <Logo merchantId={merchant.id} branding={merchant.branding} />
          <div>
            <h1>{merchant.name}</h1>
            <p class="sub">
              {showStore ? store.name : null}
              {props.table ? (
<span class="tbl">{TABLE_NAME_TOKEN}</span>
              ) : null}
            </p>
          </div>
        </div>
        {merchant.languages.length > 1 ? (
          <nav aria-label={ctx.s.language}>
            <ul class="langs">
              {merchant.languages.map((l) => (
                <li>
                  <a href={`?lang=${encodeURIComponent(l)}`} hreflang={l} lang={l} aria-current={l === ctx.lang ? "true" : undefined}>
                    {languageName(l)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

function Filters({ ctx }: { ctx: Ctx }) {
  const { s } = ctx;
  return (
    <details class="filters js-only" id="filters">
      <summary>
        {s.filters} <span data-count></span>
      </summary>
      <form id="filter">
      <fieldset>
        <legend>{s.showOnly}</legend>
        <div class="chips">
          {DIETARY_TAGS.map((t) => (
            <label class="chip">
              <input type="checkbox" name="tag" value={t} />
              {s.tags[t]}
            </label>
          ))}
          <label class="chip">
            <input type="checkbox" name="tag" value="mild" />
            {s.spicy(0)}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{s.without}</legend>
        <div class="chips">
          {ALLERGENS.map((a) => (
            <label class="chip">
              <input type="checkbox" name="free" value={a} />
              {s.allergens[a]}
            </label>
          ))}
        </div>
      </fieldset>
      <p>
        <button type="reset" class="btn">
          {s.clearFilters}
        </button>
      </p>
      </form>
    </details>
  );
}

function ruleText(g: MenuOptionGroup, s: GuestStrings): string {
  const max = g.kind === "single" ? 1 : g.maxSelect;
  const choose = max === 1 && g.minSelect <= 1 ? s.chooseOne : g.minSelect === 0 ? s.chooseUpTo(max) : s.chooseBetween(g.minSelect, max);
  return g.minSelect > 0 ? `${choose} · ${s.required}` : choose;
}

function DishForm({ dish, ctx, name }: { dish: MenuDish; ctx: Ctx; name: string }) {
  const { s } = ctx;
  return (
    <form class="dish-form" data-dish={dish.id} data-price={dish.price} aria-label={name} noValidate>
      {dish.optionGroups.map((g) => {
        const gname = tx(g.name, ctx);
        const single = g.kind === "single";
        return (
          <fieldset class="grp" data-group={g.id} data-min={g.minSelect} data-max={single ? 1 : g.maxSelect}>
            <legend>
              <span lang={gname.lang}>{gname.value}</span> <span class="rule">{ruleText(g, s)}</span>
            </legend>
            {g.options.map((o) => {
              const oname = tx(o.name, ctx);
              return (
                <label class="opt">
                  <input
                    type={single ? "radio" : "checkbox"}
                    name={`g-${g.id}`}
                    value={o.id}
                    data-delta={o.priceDelta}
                    checked={o.isDefault}
                    required={single && g.minSelect > 0}
                  />
                  <span lang={oname.lang}>{oname.value}</span>
                  <span class="d">{formatDelta(o.priceDelta, ctx.currency, ctx.lang)}</span>
                </label>
              );
            })}
            <p class="err" aria-live="polite" hidden></p>
          </fieldset>
        );
      })}
      {ctx.ordering ? (
        <div class="js-only">
          <div class="line">
            <label>
              {s.note}
              <input type="text" name="note" maxLength={140} placeholder={s.notePlaceholder} autocomplete="off" />
            </label>
            <div class="qty" role="group" aria-label={s.quantity}>
              <button type="button" data-step="-1" aria-label={s.less}>
                −
              </button>
              <output name="qty" aria-live="polite">
                1
              </output>
              <button type="button" data-step="1" aria-label={s.more}>
                +
              </button>
            </div>
          </div>
          <button type="submit" class="add">
            {s.addToCart} · <span data-total>{formatPrice(dish.price, ctx.currency, ctx.lang)}</span>
          </button>
        </div>
      ) : null}
    </form>
  );
}

function Dish({ dish, ctx, eager }: { dish: MenuDish; ctx: Ctx; eager: boolean }) {
  const { s } = ctx;
  const name = tx(dish.name, ctx);
  const desc = tx(dish.description, ctx);
  const state = availabilityAt(dish, ctx.timeZone, ctx.now);
  const available = state === "available";
  const tags = [...dish.tags].sort((a, b) => DIETARY_TAGS.indexOf(a) - DIETARY_TAGS.indexOf(b));
  return (
    <article
      class={available ? "dish" : "dish off"}
      id={`d-${dish.id}`}
      data-dish={dish.id}
      data-tags={tags.join(" ")}
      data-allergens={dish.allergens.join(" ")}
      data-spice={dish.spiceLevel}
      data-state={state}
      aria-labelledby={`n-${dish.id}`}
    >
      <div>
        <h3 id={`n-${dish.id}`} lang={name.lang}>
          {name.value}
        </h3>
        {desc.value ? (
          <p class="desc" lang={desc.lang}>
            {desc.value}
          </p>
        ) : null}
        {tags.length || dish.spiceLevel ? (
          <ul class="meta">
            {tags.map((t) => (
              <li>{s.tags[t]}</li>
            ))}
            {dish.spiceLevel ? <li class="hot">{s.spicy(dish.spiceLevel)}</li> : null}
          </ul>
        ) : null}
        {dish.allergens.length ? (
          <p class="alg">
            {s.contains}
            {s.colon}
            {dish.allergens.map((a) => s.allergens[a]).join(s.sep)}
          </p>
        ) : null}
        {dish.windows.length ? (
          <p class="when">
            {s.availableAt}
            {s.colon}
            {formatWindows(dish.windows, ctx.lang, s.everyDay, s.sep)}
          </p>
        ) : null}
      </div>
      <div class="side">
        <DishPhoto merchantId={ctx.merchantId} image={dish.image} imageUrl={dish.imageUrl} eager={eager} />
        <span class="price">{formatPrice(dish.price, ctx.currency, ctx.lang)}</span>
        {!available ? (
          <span class="state">{state === "sold_out" ? s.soldOut : s.notNow}</span>
        ) : ctx.ordering ? (
          <button type="button" class="add js-only" data-add={dish.id} data-options={dish.optionGroups.length ? "1" : undefined} aria-label={`${s.add}: ${name.value}`}>
            {s.add}
          </button>
        ) : null}
      </div>
      {dish.optionGroups.length ? (
        <details class="more">
          <summary>{s.options}</summary>
          <DishForm dish={dish} ctx={ctx} name={name.value} />
        </details>
      ) : null}
    </article>
  );
}

/** The menu page of one store: the table page (/q/…) or the restaurant page (/m/…). */
export function MenuPage(props: MenuPageProps) {
  const { merchant, store, snapshot, lang } = props;
  const s = stringsFor(lang);
  const table = props.kind === "table";
  const ctx: Ctx = { lang, languages: snapshot.languages, s, currency: snapshot.currency, timeZone: snapshot.timeZone, now: props.now, ordering: table, merchantId: merchant.id };
  const eagerDishes = new Set(snapshot.categories.flatMap((c) => c.dishes).slice(0, EAGER_DISH_PHOTOS).map((d) => d.id));
  const theme = themeOf(merchant.branding);
  const title = table ? `${merchant.name} · ${s.menu}` : `${merchant.name}${merchant.stores.length > 1 ? ` · ${store.name}` : ""} · ${s.menu}`;
  return (
    <Document lang={lang} title={title} accent={theme.accent} soft={theme.soft} script>
      <a class="skip" href="#menu">
        {s.skipToMenu}
      </a>
      <Header merchant={merchant} store={store} ctx={ctx} table={table} />
      {table ? (
        // First on the page, not after the menu: without JavaScript this is what a guest can do.
        <div class="wrap">
          <div class="nojs" id="nojs">
            <p>{s.noScript}</p>
            <form method="post" action={`/q/${TABLE_CODE_TOKEN}/call`}>
              <button class="btn" type="submit">
                {doorCallStrings(lang).button}
              </button>
            </form>
          </div>
        </div>
      ) : null}
      <nav class="cats" aria-label={s.categories}>
        <ul>
          {snapshot.categories.map((c) => {
            const n = tx(c.name, ctx);
            return (
              <li>
                <a href={`#c-${c.id}`} lang={n.lang}>
                  {n.value}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div class="wrap">
        <Filters ctx={ctx} />
        <p class="nomatch" id="nomatch" hidden>
          {s.noMatch}
        </p>
        <main id="menu" tabIndex={-1} data-currency={snapshot.currency} data-lang={lang} data-t-added={s.added} data-t-close={s.close}>
          {snapshot.categories.map((c) => {
            const n = tx(c.name, ctx);
            const d = tx(c.description, ctx);
            return (
              <section class="cat" id={`c-${c.id}`} aria-labelledby={`h-${c.id}`}>
                <h2 id={`h-${c.id}`} lang={n.lang}>
                  {n.value}
                </h2>
                {d.value ? (
                  <p class="cat-desc" lang={d.lang}>
                    {d.value}
                  </p>
                ) : null}
                {c.dishes.map((dish) => (
                  <Dish dish={dish} ctx={ctx} eager={eagerDishes.has(dish.id)} />
                ))}
              </section>
            );
          })}
        </main>
        {table ? (
          <section
            id="table-live"
            aria-label={s.yourTable}
            data-table-code={TABLE_CODE_TOKEN}
            data-lang={lang}
            data-currency={snapshot.currency}
            data-store={store.id}
            data-menu-version={snapshot.version}
          >
            <p class="js-only" aria-live="polite">
              {s.liveLoading}
            </p>
          </section>
        ) : null}
        <p class="alg">{s.allergenInfo}</p>
        <p class="toast" role="status" id="toast"></p>
        <footer>{s.poweredBy}</footer>
      </div>
    </Document>
  );
}
