import * as path from 'path';
import type { IPostProcessor, IResolveContext, ITokenResolver } from 'cdktf';

/**
 * cdktf's token resolution with the same results and fewer allocations, for an app's entry point.
 *
 * cdktf resolves every value of a stack twice per synth (a preparing pass for cross-stack references, then the
 * synth), and its resolver (`lib/tokens/private/resolve.js`) does the same work for each string, number, key and
 * object whether or not it holds a token: it joins the key path into a string, builds two resolve contexts and two
 * `TokenString` matchers, and resolves every object key as a value. That was 45% of the synth of the shipped examples.
 * {@link resolveTokens} takes the same steps in the same order with the same contexts wherever a value holds a token
 * (or a number that could encode one) and skips them where it cannot: a string without `TfToken[` that is neither a
 * map-token placeholder nor matches cdktf's encoded-number pattern is returned as it is, as cdktf would return it. Key
 * paths are kept as linked segments and joined only for an error message. Error messages are cdktf's own.
 *
 * {@link useFastTokenResolution} puts it in place of that module's `resolve` export, which cdktf's
 * `Tokenization.resolve` (and with it every stack, resource and output) looks up on each call. A process-wide
 * setting: call it from an app's entry point, not from a library. cdktf 0.21 has no setting for this. The output is
 * the same byte for byte (test/stacks/process-settings.test.ts synthesizes every shipped example with and without it,
 * and test/core/token-resolution.test.ts compares both resolvers on the token shapes cdktf makes).
 *
 * @returns whether it was installed (false when already installed, or when this cdktf has no such module)
 */
export function useFastTokenResolution(): boolean {
  const internals = cdktfInternals();
  if (internals === undefined || FAST in internals.resolveModule.resolve) return false;
  const fast: ResolveFunction = (obj, options) => resolveTokens(obj, options);
  Object.defineProperty(fast, FAST, { value: internals.resolveModule.resolve });
  internals.resolveModule.resolve = fast;
  return true;
}

/** Whether {@link useFastTokenResolution} is in place in this process. */
export function usesFastTokenResolution(): boolean {
  const resolve = cdktfInternals()?.resolveModule.resolve;
  return resolve !== undefined && FAST in resolve;
}

/** Options of cdktf's internal `resolve` (not the context handed to tokens). */
export interface ResolveOptions {
  readonly scope: IResolveContext['scope'];
  readonly preparing: boolean;
  readonly resolver: ITokenResolver;
  readonly prefix?: string[];
  readonly previousContext?: IResolveContext;
}

/** cdktf's internal `resolve(obj, options)`. */
export type ResolveFunction = (obj: unknown, options: ResolveOptions) => unknown;

/** cdktf's own resolver (also once the fast one is installed); undefined when this cdktf has none. */
export function cdktfOwnResolve(): ResolveFunction | undefined {
  const resolve = cdktfInternals()?.resolveModule.resolve;
  return resolve !== undefined && FAST in resolve ? (resolve as unknown as Record<typeof FAST, ResolveFunction>)[FAST] : resolve;
}

/**
 * Resolves `obj` as cdktf's internal `resolve` does (same result, same errors, same contexts for tokens), without its
 * per-value overhead. See {@link useFastTokenResolution}.
 */
export function resolveTokens(obj: unknown, options: ResolveOptions): unknown {
  const internals = cdktfInternals();
  if (internals === undefined) throw new Error('resolveTokens: this cdktf has no lib/tokens/private/resolve.js');
  const base = options.prefix ?? [];
  const walker = new Walker(internals, options.scope, options.preparing, options.resolver);
  return walker.walk(obj, options.previousContext, { base, tail: undefined, depth: base.length });
}

const FAST = Symbol('cdktf-selfhosted-platforms.useFastTokenResolution');

/** The key path of a value: the caller's prefix, then the segments added on the way down, innermost last. */
interface KeyPath {
  readonly base: string[];
  readonly tail: Segment | undefined;
  readonly depth: number;
}
interface Segment {
  readonly parent: Segment | undefined;
  readonly name: string;
}

/** The fields a resolve context passes on to the contexts made below it. */
type Inherited = Pick<IResolveContext, 'suppressBraces' | 'ignoreEscapes' | 'warnEscapes' | 'iteratorContext'>;

/** What cdktf stores and encodes, from its internal modules. */
interface CdktfInternals {
  readonly resolveModule: { resolve: ResolveFunction };
  readonly encoding: {
    TokenString: {
      forString(s: string, includeEscapes?: boolean, warnEscapes?: boolean): TokenStringLike;
      forListToken(s: string): TokenStringLike;
      forNumbers(s: string): TokenStringLike;
    };
    containsStringListTokenElement(xs: unknown[]): boolean;
    containsNumberListTokenElement(xs: unknown[]): boolean;
    containsMapToken(xs: object): boolean;
  };
  readonly tokenMap: { lookupToken(key: string): unknown; lookupNumberToken(n: number): unknown };
  readonly token: { STRING_MAP_TOKEN_VALUE: string; ANY_MAP_TOKEN_VALUE: string; NUMBER_MAP_TOKEN_VALUE: number };
  readonly StringConcat: new () => unknown;
  readonly errors: {
    unableToResolveCircularReference(pathName: string): Error;
    cannotResolveFunction(pathName: string, obj: unknown): Error;
    encodedListTokenInScalarStringContext(): Error;
    encodedMapTokenInScalarStringContext(): Error;
    encodedMapTokenInScalarNumberContext(): Error;
    constructsCannotBeResolved(pathName: string): Error;
    mapKeyMustResolveToString(pathName: string, key: string, resolvedKey: unknown): Error;
  };
}
interface TokenStringLike {
  test(): boolean;
  split(lookup: (id: string) => unknown): { mapTokens(context: IResolveContext): { join(concat: unknown): unknown } };
}

let internalsCache: CdktfInternals | null | undefined;

/** cdktf's internal modules, resolved from cdktf's main file (cdktf has no exports map); undefined if absent. */
function cdktfInternals(): CdktfInternals | undefined {
  if (internalsCache !== undefined) return internalsCache ?? undefined;
  try {
    const lib = path.dirname(require.resolve('cdktf'));
    const load = (file: string) => require(path.join(lib, file)) as Record<string, unknown>;
    const resolveModule = load('tokens/private/resolve.js') as unknown as CdktfInternals['resolveModule'];
    const tokenMapModule = load('tokens/private/token-map.js') as { TokenMap: { instance(): CdktfInternals['tokenMap'] } };
    const tokenModule = load('tokens/token.js') as { Token: CdktfInternals['token'] };
    const resolvable = load('tokens/resolvable.js') as { StringConcat: CdktfInternals['StringConcat'] };
    if (typeof resolveModule.resolve !== 'function') throw new Error('no resolve export');
    internalsCache = {
      resolveModule,
      encoding: load('tokens/private/encoding.js') as unknown as CdktfInternals['encoding'],
      tokenMap: tokenMapModule.TokenMap.instance(),
      token: tokenModule.Token,
      StringConcat: resolvable.StringConcat,
      errors: load('errors.js') as unknown as CdktfInternals['errors'],
    };
  } catch {
    internalsCache = null;
  }
  return internalsCache ?? undefined;
}

/** cdktf's pattern of a number token inside a string (`encoding.js`), without the global flag: only tested here. */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/** One resolution: cdktf's `resolve` with the options that do not change on the way down held once. */
class Walker {
  public constructor(
    private readonly cdktf: CdktfInternals,
    private readonly scope: IResolveContext['scope'],
    private readonly preparing: boolean,
    private readonly resolver: ITokenResolver,
  ) {}

  public walk(obj: unknown, inherited: Inherited | undefined, at: KeyPath): unknown {
    const { errors, token } = this.cdktf;
    if (at.depth > 200) throw errors.unableToResolveCircularReference(pathName(at));
    if (obj === undefined) return undefined;
    if (obj === null) return null;
    if (typeof obj === 'function') throw errors.cannotResolveFunction(pathName(at), obj);
    if (typeof obj === 'string') return this.plain(obj) ? obj : this.string(obj, inherited, at);
    if (typeof obj === 'number') {
      if (obj === token.NUMBER_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarNumberContext();
      const numberToken = this.cdktf.tokenMap.lookupNumberToken(obj);
      return numberToken === undefined ? obj : this.context(inherited, at)[0].resolve(numberToken);
    }
    if (typeof obj !== 'object' || obj instanceof Date) return obj;
    const { encoding } = this.cdktf;
    if (Array.isArray(obj)) {
      if (encoding.containsStringListTokenElement(obj)) return this.resolver.resolveList(obj as string[], this.context(inherited, at)[0]);
      if (encoding.containsNumberListTokenElement(obj)) return this.resolver.resolveNumberList(obj as number[], this.context(inherited, at)[0]);
      const below = inheritedFrom(inherited);
      const out: unknown[] = [];
      for (let i = 0; i < obj.length; i++) {
        // cdktf maps over the array, which skips holes.
        if (!(i in obj)) continue;
        const value = this.walk(obj[i], below, push(at, `${i}`));
        if (value !== undefined) out.push(value);
      }
      return out;
    }
    const keys = Object.keys(obj);
    // A map token is a key with `&{TfToken[...]}`: only a key with `TfToken[` can be one.
    if (keys.some((k) => k.includes('TfToken[')) && encoding.containsMapToken(obj)) return this.resolver.resolveMap(obj as Record<string, unknown>, this.context(inherited, at)[0]);
    if (typeof (obj as { resolve?: unknown }).resolve === 'function') {
      const [context, postProcessor] = this.context(inherited, at);
      return this.resolver.resolveToken(obj as Parameters<ITokenResolver['resolveToken']>[0], context, postProcessor);
    }
    const record = obj as Record<string, unknown>;
    // cdktf's check that a construct was not handed in by mistake.
    if (record._children !== undefined && record._metadata !== undefined) throw errors.constructsCannotBeResolved(pathName(at));
    const below = inheritedFrom(inherited);
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const resolvedKey = this.plain(key) ? key : this.walk(key, below, at);
      if (typeof resolvedKey !== 'string') throw errors.mapKeyMustResolveToString(pathName(at), key, resolvedKey);
      const value = this.walk(record[key], below, push(at, key));
      if (value !== undefined) result[resolvedKey] = value;
    }
    return result;
  }

  /** A string cdktf's resolver would return unchanged without looking up any token. */
  private plain(s: string): boolean {
    const { token } = this.cdktf;
    return !s.includes('TfToken[') && s !== token.STRING_MAP_TOKEN_VALUE && s !== token.ANY_MAP_TOKEN_VALUE && !NUMBER_TOKEN.test(s);
  }

  /** A string that may hold tokens: cdktf's steps as they are. */
  private string(obj: string, inherited: Inherited | undefined, at: KeyPath): unknown {
    const { encoding, errors, token, tokenMap } = this.cdktf;
    if (encoding.TokenString.forListToken(obj).test()) throw errors.encodedListTokenInScalarStringContext();
    if (obj === token.STRING_MAP_TOKEN_VALUE || obj === token.ANY_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarStringContext();
    let str: unknown = obj;
    const context = this.context(inherited, at)[0];
    const tokenString = encoding.TokenString.forString(obj, !context.ignoreEscapes, context.warnEscapes);
    if (tokenString.test()) {
      const fragments = tokenString.split((id) => tokenMap.lookupToken(id));
      str = this.resolver.resolveString(fragments as Parameters<ITokenResolver['resolveString']>[0], this.context(inherited, at)[0]);
    }
    const numbers = encoding.TokenString.forNumbers(str as string);
    if (numbers.test()) {
      const fragments = numbers.split((id) => tokenMap.lookupNumberToken(parseFloat(id)));
      str = fragments.mapTokens(this.context(inherited, at)[0]).join(new this.cdktf.StringConcat());
    }
    return str;
  }

  /** A resolve context and its post-processor, made as cdktf's `makeContext` makes them. */
  private context(inherited: Inherited | undefined, at: KeyPath): [IResolveContext, IPostProcessor] {
    let postProcessor: IPostProcessor | undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const walker = this;
    const context: IResolveContext = {
      preparing: this.preparing,
      scope: this.scope,
      suppressBraces: inherited?.suppressBraces,
      ignoreEscapes: inherited?.ignoreEscapes,
      warnEscapes: inherited?.warnEscapes,
      iteratorContext: inherited?.iteratorContext,
      registerPostProcessor(pp: IPostProcessor) {
        postProcessor = pp;
      },
      resolve(x: unknown) {
        return walker.walk(x, context, at);
      },
    };
    return [context, { postProcess: (x: unknown) => (postProcessor ? postProcessor.postProcess(x, context) : x) }];
  }
}

/**
 * What a value below an array or object inherits. cdktf makes a fresh context per element from the parent's fields;
 * nothing changes those fields while the elements are resolved (a token only ever changes a context made for it), so
 * one copy serves every element.
 */
function inheritedFrom(inherited: Inherited | undefined): Inherited {
  return {
    suppressBraces: inherited?.suppressBraces,
    ignoreEscapes: inherited?.ignoreEscapes,
    warnEscapes: inherited?.warnEscapes,
    iteratorContext: inherited?.iteratorContext,
  };
}

function push(at: KeyPath, name: string): KeyPath {
  return { base: at.base, tail: { parent: at.tail, name }, depth: at.depth + 1 };
}

/** The path as cdktf writes it in its messages: `/` and the segments joined by `/`. */
function pathName(at: KeyPath): string {
  const names: string[] = [];
  for (let s = at.tail; s !== undefined; s = s.parent) names.push(s.name);
  return '/' + [...at.base, ...names.reverse()].join('/');
}
