"""Draw remarks-before-bilateral files at random (fixed seeds) and list every readout within two days."""
import json,re,random,datetime as dt,sys
docs=json.load(open('docs.json'))
D=lambda s:dt.date.fromisoformat(s)
rem=sorted([d for d in docs if d['path'].startswith(('speeches-remarks','remarks')) and re.search(r'bilateral',d['path']) and 'remarks-by' in d['path']],key=lambda d:d['path'])
s1=random.Random(18).sample(rem,60)
rest=[d for d in rem if d not in s1]
s2=random.Random(1818).sample(rest,30)
rest2=[d for d in rest if d not in s2]
s3=random.Random(181818).sample(rest2,30)
rest3=[d for d in rest2 if d not in s3]
s4=random.Random(18181818).sample(rest3,30)
which=sys.argv[1]
sample,base={'1':(s1,0),'2':(s2,60),'3':(s3,90),'4':(s4,120)}[which]
rd=[d for d in docs if 'readout' in d['path'].lower()]
for i,a in enumerate(sorted(sample,key=lambda d:d['path'].split('/')[-1])):
    print(f"\n## R{base+i:02d} {a['date']} {a['title'][:160]}")
    print("   url:",a['url'])
    for b in sorted(rd,key=lambda d:d['date']):
        if abs((D(b['date'])-D(a['date'])).days)<=2:
            print(f"   - {b['date']} {b['title'][:150]}")
