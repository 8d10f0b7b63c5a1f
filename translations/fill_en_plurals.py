# Fills the English plural forms of rapport_en.ts from the "(s)" convention of the sources.
import re, sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
def fill(m):
    block = m.group(0)
    if 'numerus="yes"' not in block:
        return block
    src = re.search(r'<source>(.*?)</source>', block, re.S).group(1)
    one = src.replace('(s)', '').replace('(es)', '').replace('y(-ies)', 'y')
    many = src.replace('(s)', 's').replace('(es)', 'es').replace('y(-ies)', 'ies')
    tr = '<translation><numerusform>%s</numerusform><numerusform>%s</numerusform></translation>' % (one, many)
    return re.sub(r'<translation[^>]*>.*?</translation>|<translation[^>]*/>', tr, block, flags=re.S)
s = re.sub(r'<message numerus="yes">.*?</message>', fill, s, flags=re.S)
open(p, 'w', encoding='utf-8').write(s)
