import { describe, expect, it } from 'vitest';
import { joinMessages } from '../features/join/messages';
import { format, getLocale, setLocale, textsReady, translate } from './index';
import { catalogId, Translations, type Table } from './translations';

/** Every module of the app, as text (tests and Spanish modules aside). */
const SOURCES = import.meta.glob<string>(['../**/*.ts', '!../**/*.test.ts', '!../**/*.es.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const SPANISH = import.meta.glob<Table>('../**/*.es.ts', { import: 'default', eager: true });

/** A download that the test finishes (or fails) when it wants. */
function deferred() {
  let resolve!: (t: Table) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<Table>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('i18n', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('Hi {name}, {other}', { name: 'Ana' })).toBe('Hi Ana, {other}');
  });

  it('names each catalog after its module, which has its Spanish beside it', () => {
    const declared = Object.entries(SOURCES).flatMap(([path, text]) =>
      [...text.matchAll(/defineMessages(?:<\w+>)?\(\s*'([^']+)'/g)].map((m) => [path, m[1]]),
    );
    expect(declared.length).toBeGreaterThan(10);
    for (const [path, id] of declared) expect(id, path).toBe(catalogId(path ?? ''));
    expect(Object.keys(SPANISH).map(catalogId).sort()).toEqual(declared.map(([, id]) => id).sort());
  });

  it('shows English until the Spanish arrives, then Spanish', async () => {
    expect(translate(joinMessages, 'es', 'stepOf', { n: 1, total: 3 })).toBe('Step 1 of 3');
    const switching = setLocale('es');
    expect(getLocale()).toBe('en');
    await switching;
    expect(getLocale()).toBe('es');
    expect(translate(joinMessages, 'es', 'stepOf', { n: 1, total: 3 })).toBe('Paso 1 de 3');
    expect(translate(joinMessages, 'en', 'stepOf', { n: 1, total: 3 })).toBe('Step 1 of 3');
  });

  it('downloads the Spanish of a module loaded after the switch before its page shows', async () => {
    await setLocale('es');
    const { endText } = await import('../features/session/texts');
    await textsReady();
    expect(endText({ state: 'left' }, 'es')?.title).toBe('Salió de la sesión');
  });

  it('keeps the last choice when two switches overlap', async () => {
    await setLocale('en');
    const toSpanish = setLocale('es');
    await setLocale('en');
    await toSpanish;
    expect(getLocale()).toBe('en');
  });
});

describe('Translations', () => {
  it('downloads a catalog once, however often it is asked for', async () => {
    let calls = 0;
    let arrivals = 0;
    const texts = new Translations(
      {
        a: () => {
          calls += 1;
          return Promise.resolve({ hi: 'hola' });
        },
      },
      () => (arrivals += 1),
    );
    await Promise.all([texts.load('a'), texts.load('a')]);
    await texts.load('a');
    expect([calls, arrivals]).toEqual([1, 1]);
    expect(texts.get('a')).toEqual({ hi: 'hola' });
  });

  it('leaves a catalog in English when its download fails, and tries again later', async () => {
    const attempts = [deferred(), deferred()];
    let n = 0;
    const texts = new Translations({ a: () => attempts[n++]!.promise }, () => {});
    const first = texts.load('a');
    attempts[0]!.reject(new Error('offline'));
    await first;
    expect(texts.get('a')).toBeUndefined();
    const second = texts.load('a');
    attempts[1]!.resolve({ hi: 'hola' });
    await second;
    expect(texts.get('a')).toEqual({ hi: 'hola' });
  });

  it('waits as well for catalogs declared while it downloads', async () => {
    const ids = new Set(['a']);
    const later = deferred();
    const texts = new Translations(
      {
        a: () => {
          ids.add('b'); // the page module arriving declares another catalog
          return Promise.resolve({ x: 'a' });
        },
        b: () => later.promise,
      },
      () => {},
    );
    let done = false;
    const all = texts.loadAll(() => ids).then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(false);
    later.resolve({ x: 'b' });
    await all;
    expect(texts.get('b')).toEqual({ x: 'b' });
  });

  it('preloads the catalogs under a folder, before anything declares them', async () => {
    const asked: string[] = [];
    const loader = (id: string) => () => {
      asked.push(id);
      return Promise.resolve({});
    };
    const texts = new Translations(
      {
        'features/join/messages': loader('join'),
        'features/admin/common/messages': loader('admin'),
        'ui/errorMessages': loader('ui'),
      },
      () => {},
    );
    await texts.preload(['features/join/', 'ui/']);
    expect(asked.sort()).toEqual(['join', 'ui']);
  });
});
