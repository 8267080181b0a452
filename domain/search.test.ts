import { describe, expect, it } from 'vitest';
import { fragmentGrams, GRAM_MAX, textGrams } from './search.js';

describe('search fragments', () => {
  it('indexes every fragment of one to three characters of each text, folded, never across two texts', () => {
    const grams = textGrams(['宏达厂', 'Ab']);
    expect([...grams].sort()).toEqual(['a', 'ab', 'b', '厂', '宏', '宏达', '宏达厂', '达', '达厂'].sort());
    expect(grams.has('厂a')).toBe(false);
  });

  it('folds full-width and accented capitals the way case-insensitive LIKE may, and keeps % _ \\ as characters', () => {
    expect(textGrams(['ＡＢ']).has('ａｂ')).toBe(true);
    expect(textGrams(['Ä']).has('ä')).toBe(true);
    expect([...textGrams(['%_\\'])]).toContain('%_\\');
  });

  it('looks a short fragment up as it is and a longer one through its three-character pieces', () => {
    expect(fragmentGrams('')).toEqual([]);
    expect(fragmentGrams('村')).toEqual(['村']);
    expect(fragmentGrams('宏达')).toEqual(['宏达']);
    expect(fragmentGrams('ABC')).toEqual(['abc']);
    expect(fragmentGrams('塑料颗粒厂')).toEqual(['塑料颗', '料颗粒', '颗粒厂']);
    expect(fragmentGrams('888888')).toEqual(['888']);
    for (const piece of fragmentGrams('李庄宏达塑料')) expect(Array.from(piece)).toHaveLength(GRAM_MAX);
  });

  it('counts characters, not UTF-16 units: a character outside the BMP is one', () => {
    expect(fragmentGrams('𠮷野家')).toEqual(['𠮷野家']);
    expect(textGrams(['𠮷a']).has('𠮷a')).toBe(true);
  });
});
