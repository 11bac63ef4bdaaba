import { describe, expect, it } from 'vitest';
import { sprigFuncs } from '../../src/sprig/index.js';

/** Masterminds/sprig v3.3.0 genericMap (209 names), plus push/mustPush which helm's build also has. */
const GENERIC_MAP = `hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound
htmlDate htmlDateInZone must_date_modify mustDateModify mustToDate now toDate unixEpoch abbrev abbrevboth trunc trim
upper lower title untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace initials randAlphaNum randAlpha
randAscii randNumeric swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix quote
squote cat indent nindent replace plural sha1sum sha256sum sha512sum adler32sum toString atoi int64 int float64 seq
toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf divf mulf
biggest max min maxf minf ceil floor round join sortAlpha default empty coalesce all any compact mustCompact fromJson
toJson toPrettyJson toRawJson mustFromJson mustToJson mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy
typeOf typeIs typeIsLike kindOf kindIs deepEqual env expandenv getHostByName base dir clean ext isAbs osBase osClean
osDir osExt osIsAbs b64enc b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge
mergeOverwrite mustMerge mustMergeOverwrite values append mustAppend prepend mustPrepend first mustFirst rest mustRest
last mustLast initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas slice mustSlice
concat dig chunk mustChunk bcrypt htpasswd genPrivateKey derivePassword buildCustomCert genCA genCAWithKey
genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey encryptAES decryptAES randBytes uuidv4
semver semverCompare fail regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind mustRegexFind
regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral mustRegexReplaceAllLiteral regexSplit mustRegexSplit
regexQuoteMeta urlParse urlJoin`.split(/\s+/);

describe('sprigFuncs', () => {
  it('lists the 209 names of Sprig v3.3.0', () => {
    expect(new Set(GENERIC_MAP).size).toBe(209);
  });

  it.each(['helm3', 'helm4'] as const)('%s: has every Sprig function except env and expandenv', (compat) => {
    const funcs = sprigFuncs(compat);
    const missing = GENERIC_MAP.filter((n) => n !== 'env' && n !== 'expandenv' && !funcs.has(n));
    expect(missing).toEqual([]);
    expect(funcs.has('env')).toBe(false);
    expect(funcs.has('expandenv')).toBe(false);
    expect(funcs.has('push') && funcs.has('mustPush')).toBe(true);
    const extra = [...funcs.keys()].filter((n) => !GENERIC_MAP.includes(n) && n !== 'push' && n !== 'mustPush');
    expect(extra).toEqual([]);
  });

  it('declares every function under its own name', () => {
    for (const [name, spec] of sprigFuncs('helm3')) expect(spec.name).toBe(name);
  });

  it('returns a fresh map each call', () => {
    const a = sprigFuncs('helm3');
    a.delete('upper');
    expect(sprigFuncs('helm3').has('upper')).toBe(true);
  });
});
