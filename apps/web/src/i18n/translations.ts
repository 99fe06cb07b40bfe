/** One catalog's texts in one language, by key. */
export type Table = Readonly<Record<string, string>>;

/** How each catalog's texts in a language are downloaded, by catalog id. */
export type Loaders = Readonly<Record<string, () => Promise<Table>>>;

/**
 * The texts of one language other than English, downloaded catalog by catalog when a
 * page needs them. A failed download leaves the catalog in English (a later call to
 * `load` tries again); `onArrive` runs each time a catalog's texts come in.
 */
export class Translations {
  private readonly tables = new Map<string, Table>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly loaders: Loaders,
    private readonly onArrive: () => void,
  ) {}

  /** The catalog's texts, if they are here. */
  get(id: string): Table | undefined {
    return this.tables.get(id);
  }

  /** Downloads the catalog's texts unless they are here or on their way; settles either way. */
  load(id: string): Promise<void> {
    if (this.tables.has(id)) return Promise.resolve();
    const pending = this.loading.get(id);
    if (pending) return pending;
    const loader = this.loaders[id];
    if (!loader) return Promise.resolve();
    const download = loader().then(
      (table) => {
        this.tables.set(id, table);
        this.loading.delete(id);
        this.onArrive();
      },
      () => {
        this.loading.delete(id); // English meanwhile; the next need tries again.
      },
    );
    this.loading.set(id, download);
    return download;
  }

  /**
   * Downloads the texts of every catalog `ids()` lists, again until no new catalog
   * appeared meanwhile (a page's module declares its catalogs when it arrives).
   */
  async loadAll(ids: () => ReadonlySet<string>): Promise<void> {
    for (;;) {
      const asked = new Set(ids());
      await Promise.all([...asked].map((id) => this.load(id)));
      if ([...ids()].every((id) => asked.has(id))) return;
    }
  }

  /** Starts downloading the catalogs whose id begins with one of `prefixes`, before any page declares them. */
  preload(prefixes: readonly string[]): Promise<void> {
    const ids = Object.keys(this.loaders).filter((id) => prefixes.some((p) => id.startsWith(p)));
    return Promise.all(ids.map((id) => this.load(id))).then(() => undefined);
  }
}

/** `../features/join/messages.es.ts` or `.../messages.ts` (paths from src/i18n) -> `features/join/messages`. */
export function catalogId(path: string): string {
  return path.replace(/^(?:\.\.\/)+/, '').replace(/(?:\.es)?\.ts$/, '');
}

/** Glob results (by file path) keyed by catalog id. */
export const byCatalog = <T>(modules: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(modules).map(([path, load]) => [catalogId(path), load]));
