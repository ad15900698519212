#!/usr/bin/env python3
"""Generates realistic BTR-XML reports.

  generate_reports.py samples DIR        the sample reports of TestReports/ (fixed content)
  generate_reports.py archive N DIR      an archive of N varied reports for the benchmark
                                         (mostly GB 38031-2025 pack reports, some cell and UN 38.3
                                         cell reports with 40 specimens; one in ten breaks a
                                         requirement), deterministic for a given N

Every report is complete for its rule set unless a variant breaks one requirement on purpose.
"""
import os
import random
import sys
from datetime import datetime, timedelta

NS = "urn:conform:battery-test-report:1"

LABS = [
    dict(name="Huazhong Traction Battery Test Centre", address="88 Gaoxin Avenue, Wuhan 430075, China", location="Laboratory B, Building 3",
         phone="+86 27 8765 4321", email="reports@hztc.example.cn", website="https://hztc.example.cn", accreditation="CNAS L1234", tz="+08:00"),
    dict(name="Shenzhen EV Components Testing Co., Ltd.", address="5 Keji South Road, Nanshan, Shenzhen 518057, China", location="Abuse test hall 2",
         phone="+86 755 2600 0932", email="lab@szev.example.cn", website="https://szev.example.cn", accreditation="CNAS L5678", tz="+08:00"),
    dict(name="Tianjin Battery Testing Institute", address="16 Haitai Road, Huayuan, Tianjin 300384, China", location="Safety laboratory",
         phone="+86 22 5833 1187", email="report@tjbt.example.cn", website="https://tjbt.example.cn", accreditation="CNAS L2468", tz="+08:00"),
    dict(name="EuroLab Transport Testing GmbH", address="Industriestrasse 21, 70565 Stuttgart, Germany", location="Hall 4",
         phone="+49 711 555 0100", email="un383@eurolab.example.de", website="https://eurolab.example.de", accreditation="DAkkS D-PL-12345-01-00", tz="+01:00"),
]
MAKERS = [
    dict(name="Hexing Power Systems Co., Ltd.", address="12 Jinqiao Road, Changzhou 213000, China", phone="+86 519 8600 1200",
         email="homologation@hexing.example.cn", website="https://hexing.example.cn"),
    dict(name="Nanling New Energy Vehicle Co.", address="300 Industrial Park Road, Foshan 528000, China", phone="+86 757 8800 3000",
         email="battery@nanling.example.cn", website="https://nanling.example.cn"),
    dict(name="Energiezelle AG", address="Am Hafen 4, 20457 Hamburg, Germany", phone="+49 40 555 0400",
         email="compliance@energiezelle.example.de", website="https://energiezelle.example.de"),
]
SIGNERS = [("Zhang Min", "Technical Manager"), ("Chen Jie", "Laboratory Director"), ("Wang Lei", "Technical Manager"),
           ("Dr. Katrin Vogel", "Head of Laboratory")]


def esc(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def attrs(d):
    return "".join(f' {k}="{esc(v)}"' for k, v in d.items() if v is not None)


class Report:
    def __init__(self, rid, issued, lab, maker, standard, edition, amendment=None, decision=None, title=None):
        self.rid, self.issued, self.lab, self.maker = rid, issued, lab, maker
        self.standard, self.edition, self.amendment, self.decision = standard, edition, amendment, decision
        self.title = title
        self.samples, self.tests = [], []
        self.conclusion = "pass"
        self.statement = True
        self.signer = SIGNERS[LABS.index(lab)]

    def sample(self, sid, level, chemistry, model, serial, received, description, props, state=None):
        self.samples.append((sid, level, chemistry, model, serial, received, description, props, state))

    def test(self, tid, ttype, sid, clause, start, hours, body, result="pass"):
        self.tests.append((tid, ttype, sid, clause, start, hours, body, result))

    def xml(self):
        tz = self.lab["tz"]
        o = ['<?xml version="1.0" encoding="UTF-8"?>', f'<report xmlns="{NS}" id="{self.rid}" issued="{self.issued}" language="en">']
        o.append(f"  <title>{esc(self.title)}</title>")
        lab = {k: v for k, v in self.lab.items() if k != "tz"}
        o.append(f"  <laboratory{attrs(lab)}/>")
        o.append(f'  <customer{attrs(dict(name=self.maker["name"], address=self.maker["address"], phone=self.maker["phone"], email=self.maker["email"]))}/>')
        o.append(f"  <manufacturer{attrs(self.maker)}/>")
        o.append(f'  <standard code="{self.standard}" edition="{self.edition}"' + (f' amendment="{self.amendment}"' if self.amendment else "") + "/>")
        if self.decision:
            o.append(f'  <decisionRule kind="{self.decision}"/>')
        o.append("  <deviations>none</deviations>")
        for sid, level, chem, model, serial, received, desc, props, state in self.samples:
            o.append(f"  <sample{attrs(dict(id=sid, level=level, chemistry=chem, model=model, serial=serial, received=received, state=state))}>")
            o.append(f"    <description>{esc(desc)}</description>")
            for name, value, unit in props:
                o.append(f'    <property name="{name}" value="{value}" unit="{unit}"/>')
            o.append("  </sample>")
        for tid, ttype, sid, clause, start, hours, body, result in self.tests:
            end = start + timedelta(hours=hours)
            o.append(f'  <test id="{tid}" type="{ttype}" standard="{self.standard}" clause="{clause}" sample="{sid}"')
            o.append(f'        start="{start.strftime("%Y-%m-%dT%H:%M:%S")}{tz}" end="{end.strftime("%Y-%m-%dT%H:%M:%S")}{tz}">')
            for line in body:
                o.append("    " + line.replace("{TZ}", tz))
            o.append(f"    <result>{result}</result>")
            o.append("  </test>")
        o.append(f"  <conclusion>{self.conclusion}</conclusion>")
        if self.statement:
            o.append('  <statement kind="resultsRelateOnlyToItemsTested"/>')
        o.append(f'  <signatory name="{self.signer[0]}" title="{self.signer[1]}" date="{self.issued}"/>')
        o.append("</report>")
        return "\n".join(o) + "\n"


def c(name, value, unit, u=None):
    return f'<condition name="{name}" value="{value}" unit="{unit}"' + (f' uncertainty="{u}"' if u is not None else "") + "/>"


def m(name, value, unit, u=None):
    return f'<measurement name="{name}" value="{value}" unit="{unit}"' + (f' uncertainty="{u}"' if u is not None else "") + "/>"


def o(**kw):
    return [f'<observation name="{k}" value="{"true" if v else "false"}"/>' for k, v in kw.items()]


def ambient(rng, low=20.5, high=25.5):
    return [c("ambientTemperature", round(rng.uniform(low, high), 1), "Cel", 0.5), c("relativeHumidity", rng.randint(35, 65), "%"),
            c("airPressure", round(rng.uniform(99.5, 102.5), 1), "kPa")]


STD4 = dict(leakage=False, rupture=False, fire=False, explosion=False)

# ---------------------------------------------------------------- GB 38031 pack/system


def gb_pack_tests(rng, edition, level):
    """(type, clause, hours, body) for every test the edition requires of a pack (or system)."""
    ins = lambda: m("insulationResistance", rng.randint(600, 4000), "Ohm/V", 20)
    obs2 = [c("observationPeriod", 2, "h")]
    tests = [
        ("vibration", "8.2.1", 14, ambient(rng) + [c("soc", 100, "%")] + obs2 + [ins()] + o(**STD4)),
        ("mechanical-shock", "8.2.2", 3, ambient(rng) + [c("soc", 100, "%"), c("peakAcceleration", 7, "gn"), c("pulseDuration", 6, "ms"), c("shockCount", 12, "1")] + obs2 + [ins()] + o(**STD4)),
        ("simulated-collision", "8.2.3", 4, ambient(rng) + [c("soc", 100, "%")] + obs2 + [ins()] + o(**STD4)),
        ("crush", "8.2.4", 3, ambient(rng) + [c("soc", 100, "%"), c("crushSpeed", 2, "mm/s"), c("crushForce", 100, "kN"), c("holdDuration", 10, "min")] + obs2 + [ins()]
         + o(leakage=False, rupture=rng.random() < 0.3, fire=False, explosion=False)),
        ("damp-heat-cycling", "8.2.5", 125, ambient(rng) + [c("cycles", 5, "1"), c("upperTemperature", 60, "Cel")] + obs2 + [ins()] + o(**STD4)),
        ("immersion", "8.2.6", 4, ambient(rng) + [c("saltConcentration", 3.5, "%"), c("immersionDuration", 2, "h")] + o(fire=False, explosion=False)),
        ("external-fire", "8.2.7.1", 3, [c("ambientTemperature", round(rng.uniform(8, 28), 1), "Cel")] + o(explosion=False)),
        ("temperature-shock", "8.2.8", 85, ambient(rng) + [c("lowerTemperature", -40, "Cel"), c("upperTemperature", 60, "Cel"), c("dwellTime", 8, "h"),
                                                           c("transferTime", rng.randint(10, 25), "min"), c("cycles", 5, "1")] + obs2 + [ins()] + o(**STD4)),
        ("salt-spray", "8.2.9", 146, ambient(rng) + [c("saltConcentration", 50, "g/L"), c("cycles", 6, "1")] + obs2 + [ins()] + o(**STD4)),
        ("high-altitude", "8.2.10", 9, [c("ambientTemperature", round(rng.uniform(20.5, 25.5), 1), "Cel", 0.5), c("pressure", 61.2, "kPa"), c("holdDuration", 5, "h")]
         + obs2 + [ins()] + o(**STD4)),
    ]
    runaway = datetime(2026, 1, 1, 10, 21, 40)
    alarm_after = rng.randint(20, 90)
    if edition == "2025":
        tp = ambient(rng) + [c("soc", rng.choice([97, 98, 100]), "%"), c("observationPeriod", 2, "h"),
                             f'<event name="thermalRunaway" at="{{RUNAWAY}}"/>', f'<event name="thermalEventAlarm" at="{{ALARM:{alarm_after}}}"/>'] + o(fire=False, explosion=False)
    else:
        tp = ambient(rng) + [c("soc", rng.choice([96, 97, 99]), "%"), c("observationPeriod", 2, "h"),
                             f'<event name="thermalRunaway" at="{{RUNAWAY}}"/>', f'<event name="thermalEventAlarm" at="{{ALARM:{alarm_after}}}"/>'] + o(fire=False, explosion=False)
    tests.insert(7, ("thermal-propagation", "8.2.7.2" if edition == "2025" else "8.2.7", 3, tp))
    if edition == "2025":
        tests.append(("bottom-impact", "8.2.16", 3, ambient(rng) + [c("soc", 100, "%"), c("impactEnergy", 150, "J"), c("impactorDiameter", 30, "mm"),
                                                                    c("impactorMass", 10, "kg"), c("impactPoints", 3, "1")] + obs2 + [ins()] + o(**STD4)))
    if level == "system":
        obs1 = [c("observationPeriod", 1, "h")]
        tests += [
            ("overtemperature-protection", "8.2.11", 6, ambient(rng) + obs1 + [ins()] + o(**STD4) + o(protectionActivated=True)),
            ("overcurrent-protection", "8.2.12", 2, ambient(rng) + obs1 + [ins()] + o(**STD4) + o(protectionActivated=True)),
            ("external-short-circuit-protection", "8.2.13", 2, ambient(rng) + [c("shortCircuitResistance", 2, "mOhm")] + obs1 + [ins()] + o(**STD4) + o(protectionActivated=True)),
            ("overcharge-protection", "8.2.14", 3, ambient(rng) + obs1 + [ins()] + o(**STD4) + o(protectionActivated=True)),
            ("overdischarge-protection", "8.2.15", 3, ambient(rng) + obs1 + [ins()] + o(**STD4) + o(protectionActivated=True)),
        ]
    return tests


def resolve_times(body, start):
    out = []
    for line in body:
        if "{RUNAWAY}" in line:
            line = line.replace("{RUNAWAY}", (start + timedelta(minutes=21, seconds=40)).strftime("%Y-%m-%dT%H:%M:%S") + "{TZ}")
        if "{ALARM:" in line:
            seconds = int(line.split("{ALARM:")[1].split("}")[0])
            t = start + timedelta(minutes=21, seconds=40 + seconds)
            line = line.split("{ALARM:")[0] + t.strftime("%Y-%m-%dT%H:%M:%S") + "{TZ}" + line.split("}", 1)[1]
        if "{AT:" in line:
            seconds = int(line.split("{AT:")[1].split("}")[0])
            t = start + timedelta(seconds=seconds)
            line = line.split("{AT:")[0] + t.strftime("%Y-%m-%dT%H:%M:%S") + "{TZ}" + line.split("}", 1)[1]
        out.append(line)
    return out


def gb_pack_report(rng, rid, edition, level="pack", lab=0, maker=0, start=datetime(2026, 7, 6, 8, 30), mutate=None, decision="simple"):
    lab_d, maker_d = LABS[lab], MAKERS[maker]
    model = rng.choice(["HX-PK-280", "HX-PK-330", "NL-ES-75", "NL-ES-90"])
    chem = rng.choice(["LFP", "NCM811", "NCM523"])
    cap = rng.choice([186, 230, 280, 314])
    cells = rng.choice([96, 104, 108, 112])
    nominal = round(cells * (3.2 if chem == "LFP" else 3.65), 1)
    tests = gb_pack_tests(rng, edition, level)
    received = (start - timedelta(days=rng.randint(3, 12))).date()
    n_samples = 4
    desc = f"{chem} {'prismatic' if chem == 'LFP' else 'pouch'}-cell {level}, {cells}S1P, {cap} Ah cells, liquid cooled, steel bottom plate"
    edition_title = f"GB 38031-{edition}"
    r = Report(rid, None, lab_d, maker_d, "GB 38031", edition, decision=decision,
               title=f"Safety test report: traction battery {level} {model} ({edition_title})")
    for i in range(1, n_samples + 1):
        props = [("nominalVoltage", nominal, "V"), ("ratedCapacity", cap, "A.h"), ("ratedEnergy", round(nominal * cap / 1000, 1), "kW.h"),
                 ("mass", rng.randint(420, 640), "kg"), ("maxOperatingTemperature", 55, "Cel")]
        r.sample(f"P{i}", level, chem, model, f"{model[:2]}{start:%y%m}{rng.randint(1000, 9999)}-{i}", received, desc, props)
    t = start
    for n, (ttype, clause, hours, body) in enumerate(tests, 1):
        sid = f"P{(n - 1) % n_samples + 1}"
        r.test(f"T{n}", ttype, sid, clause, t, hours, resolve_times(body, t))
        t += timedelta(hours=hours + rng.randint(4, 20))
    r.issued = (t + timedelta(days=rng.randint(2, 9))).date()
    if mutate:
        mutate(r)
    return r


def late_alarm(body):
    """The thermal-event alarm 7.5 min after thermal runaway."""
    runaway = next(l for l in body if "thermalRunaway" in l).split('at="')[1].split("{")[0]
    alarm = datetime.strptime(runaway, "%Y-%m-%dT%H:%M:%S") + timedelta(minutes=7, seconds=30)
    return [l if "thermalEventAlarm" not in l else f'<event name="thermalEventAlarm" at="{alarm:%Y-%m-%dT%H:%M:%S}{{TZ}}"/>' for l in body]


def set_body(r, ttype, transform):
    for i, test in enumerate(r.tests):
        if test[1] == ttype:
            r.tests[i] = test[:6] + (transform(list(test[6])),) + test[7:]
            return
    raise KeyError(ttype)


def replace_line(name, new):
    return lambda body: [new if f'name="{name}"' in line else line for line in body]

# ---------------------------------------------------------------- GB 38031 cells


def gb_cell_report(rng, rid, edition, lab=1, maker=0, start=datetime(2026, 7, 13, 9, 0), mutate=None):
    cap = rng.choice([50, 100, 150, 280])
    chem = rng.choice(["LFP", "NCM811"])
    end_v = 3.65 if chem == "LFP" else 4.25
    mass = round(cap * (0.0195 if chem == "LFP" else 0.0145), 2)
    model = f"{'HX' if maker == 0 else 'NL'}-C{cap}"
    r = Report(rid, None, LABS[lab], MAKERS[maker], "GB 38031", edition, decision="simple",
               title=f"Safety test report: traction battery cell {model} (GB 38031-{edition})")
    received = (start - timedelta(days=5)).date()
    obs1 = [c("observationPeriod", 1, "h")]
    ff = o(fire=False, explosion=False)
    tests = [
        ("overdischarge", "8.1.2", 3, ambient(rng) + [c("dischargeCurrent", 1, "I1"), c("dischargeDuration", 30 if edition == "2025" else 90, "min")] + obs1 + ff),
        ("overcharge", "8.1.3", 3, ambient(rng) + [c("chargeCurrent", 1, "I3"), c("finalVoltage", round(end_v * 1.1 + 0.01, 2), "V")] + obs1 + ff),
        ("external-short-circuit", "8.1.4", 2, ambient(rng) + [c("shortCircuitResistance", 3, "mOhm"), c("shortCircuitDuration", 10, "min")] + obs1 + ff),
        ("heating", "8.1.5", 3, ambient(rng) + [c("heatingRate", 5, "Cel/min"), c("targetTemperature", 130, "Cel"), c("holdDuration", 30, "min")] + obs1 + ff),
        ("temperature-cycling", "8.1.6", 41, ambient(rng) + [c("cycles", 5, "1"), c("lowerTemperature", -40, "Cel"), c("upperTemperature", 85, "Cel")] + obs1 + ff),
        ("crush", "8.1.7", 2, ambient(rng) + [c("crushSpeed", 2, "mm/s"), c("holdDuration", 10, "min"), c("deformation", 15, "%")] + obs1 + ff),
    ]
    if edition == "2025":
        tests.append(("fast-charge-cycling", "8.1.8", 320, ambient(rng) + [c("fastChargeCycles", 300, "1"), c("shortCircuitResistance", 3, "mOhm")] + obs1 + ff))
    for i in range(1, len(tests) + 1):
        r.sample(f"C{i}", "cell", chem, model, f"C{start:%y%m}{rng.randint(10000, 99999)}", received,
                 f"{'Prismatic' if cap > 100 else 'Pouch'} {chem} cell, {cap} Ah, aluminium case",
                 [("ratedCapacity", cap, "A.h"), ("nominalVoltage", 3.2 if chem == "LFP" else 3.65, "V"), ("chargeEndVoltage", end_v, "V"),
                  ("dischargeEndVoltage", 2.5, "V"), ("mass", mass, "kg")])
    t = start
    for n, (ttype, clause, hours, body) in enumerate(tests, 1):
        r.test(f"T{n}", ttype, f"C{n}", clause, t, hours, body)
        t += timedelta(hours=hours + 6)
    r.issued = (t + timedelta(days=4)).date()
    if mutate:
        mutate(r)
    return r

# ---------------------------------------------------------------- UN 38.3


def un_cell_report(rng, rid, edition, amendment=None, lab=3, maker=2, start=datetime(2026, 2, 9, 8, 0), mutate=None):
    model = rng.choice(["EC-21700-50", "EC-18650-35", "EC-4680-26"])
    mass = {"EC-21700-50": 68.5, "EC-18650-35": 47.2, "EC-4680-26": 355.0}[model]
    cap = {"EC-21700-50": 5000, "EC-18650-35": 3500, "EC-4680-26": 26000}[model]
    r = Report(rid, None, LABS[lab], MAKERS[maker], "UN 38.3", edition, amendment=amendment, decision="simple",
               title=f"UN 38.3 test summary: lithium-ion cell {model}")
    received = (start - timedelta(days=7)).date()
    props = lambda: [("nominalVoltage", 3.6, "V"), ("ratedCapacity", cap, "mA.h"), ("ratedEnergy", round(3.6 * cap / 1000, 1), "W.h"),
                     ("mass", mass, "g"), ("chargeEndVoltage", 4.2, "V"), ("maxDischargeCurrent", round(cap / 1000 * 3, 1), "A")]
    desc = f"Cylindrical lithium-ion cell {model}, {cap} mAh, {mass} g"
    for i in range(1, 36):
        state = "discharged" if i > 15 else None
        r.sample(f"C{i:02d}", "cell", "NMC", model, f"EZ-{start:%y%m}-{i:03d}", received, desc, props(), state=state)
    t = start
    n = 0
    seq = [("altitude-simulation", "38.3.4.1", 6.1, lambda: [c("pressure", 11.6, "kPa"), c("holdDuration", 6, "h"), c("ambientTemperature", 21, "Cel")]),
           ("thermal-cycling", "38.3.4.2", 145, lambda: [c("upperTemperature", 72, "Cel"), c("lowerTemperature", -40, "Cel"), c("dwellTime", 6, "h"),
                                                         c("transferTime", 20, "min"), c("cycles", 10, "1")]),
           ("vibration", "38.3.4.3", 9, lambda: [c("sweepDuration", 15, "min"), c("peakAcceleration", 8, "gn")]),
           ("shock", "38.3.4.4", 2, lambda: [c("peakAcceleration", 150, "gn"), c("pulseDuration", 6, "ms"), c("shockCount", 18, "1")])]
    ocv = {i: round(rng.uniform(4.180, 4.195), 3) for i in range(1, 11)}
    mg = {i: round(mass + rng.uniform(-0.05, 0.05), 3) for i in range(1, 11)}
    for ttype, clause, hours, conds in seq:
        for i in range(1, 11):
            n += 1
            before_v, before_m = ocv[i], mg[i]
            after_v = round(before_v - rng.uniform(0.0, 0.02), 3)
            after_m = round(before_m - rng.uniform(0.0, 0.004), 3)
            ocv[i], mg[i] = after_v, after_m
            body = conds() + [m("massBefore", before_m, "g", 0.002), m("massAfter", after_m, "g", 0.002),
                              m("ocvBefore", before_v, "V", 0.002), m("ocvAfter", after_v, "V", 0.002)] + o(leakage=False, venting=False, disassembly=False, rupture=False, fire=False)
            r.test(f"T{clause[-1]}-C{i:02d}", ttype, f"C{i:02d}", clause, t, hours, body)
        t += timedelta(hours=hours + 12)
    for i in range(1, 11):
        body = [c("targetTemperature", 57, "Cel"), c("shortCircuitResistance", 0.08, "Ohm"), c("observationPeriod", 6, "h"),
                m("maxTemperature", round(rng.uniform(95, 135), 1), "Cel", 1)] + o(disassembly=False, rupture=False, fire=False)
        r.test(f"T5-C{i:02d}", "external-short-circuit", f"C{i:02d}", "38.3.4.5", t, 8, body)
    t += timedelta(hours=20)
    t6 = "impact" if model != "EC-18650-35" else "crush"
    for i in range(11, 16):
        if t6 == "impact":
            body = [c("impactorMass", 9.1, "kg"), c("dropHeight", 61, "cm"), c("impactorDiameter", 15.8, "mm"), c("observationPeriod", 6, "h")]
        else:
            body = [c("crushSpeed", 1.5, "cm/s"), c("crushForce", 13, "kN"), c("observationPeriod", 6, "h")]
        body += [m("maxTemperature", round(rng.uniform(40, 120), 1), "Cel", 1)] + o(disassembly=False, fire=False)
        r.test(f"T6-C{i:02d}", t6, f"C{i:02d}", "38.3.4.6", t, 7, body)
    t += timedelta(hours=20)
    for i in range(16, 36):
        body = [c("dischargeCurrent", round(cap / 1000 * 3, 1), "A"), c("observationPeriod", 7, "d")] + o(disassembly=False, fire=False)
        r.test(f"T8-C{i:02d}", "forced-discharge", f"C{i:02d}", "38.3.4.8", t, 1.5, body)
    t += timedelta(days=8)
    r.issued = (t + timedelta(days=3)).date()
    if mutate:
        mutate(r)
    return r


def un_battery_report(rng, rid, edition, amendment=None, lab=3, maker=2, start=datetime(2025, 10, 6, 8, 0), mutate=None):
    model = "EZ-PACK-4S2P"
    r = Report(rid, None, LABS[lab], MAKERS[maker], "UN 38.3", edition, amendment=amendment, decision="simple",
               title=f"UN 38.3 test summary: lithium-ion battery {model}")
    received = (start - timedelta(days=6)).date()
    for i in range(1, 17):
        r.sample(f"B{i:02d}", "pack", "NMC", model, f"EZP-{i:03d}", received, "4S2P battery of EC-21700-50 cells with BMS, 1.1 kg",
                 [("nominalVoltage", 14.4, "V"), ("ratedCapacity", 10, "A.h"), ("ratedEnergy", 144, "W.h"), ("mass", 1.1, "kg"),
                  ("maxChargeCurrent", 5, "A")])
    t = start
    seq = [("altitude-simulation", "38.3.4.1", 6.1, [c("pressure", 11.6, "kPa"), c("holdDuration", 6, "h"), c("ambientTemperature", 22, "Cel")]),
           ("thermal-cycling", "38.3.4.2", 145, [c("upperTemperature", 72, "Cel"), c("lowerTemperature", -40, "Cel"), c("dwellTime", 6, "h"),
                                                 c("transferTime", 25, "min"), c("cycles", 10, "1")]),
           ("vibration", "38.3.4.3", 9, [c("sweepDuration", 15, "min"), c("peakAcceleration", 8, "gn")]),
           ("shock", "38.3.4.4", 2, [c("peakAcceleration", 150, "gn"), c("pulseDuration", 6, "ms"), c("shockCount", 18, "1")])]
    ocv = {i: round(rng.uniform(16.70, 16.78), 3) for i in range(1, 9)}
    for ttype, clause, hours, conds in seq:
        for i in range(1, 9):
            before = ocv[i]
            after = round(before - rng.uniform(0, 0.05), 3)
            ocv[i] = after
            body = conds + [m("massBefore", 1102.4, "g", 0.1), m("massAfter", 1102.3, "g", 0.1), m("ocvBefore", before, "V", 0.005),
                            m("ocvAfter", after, "V", 0.005)] + o(leakage=False, venting=False, disassembly=False, rupture=False, fire=False)
            r.test(f"T{clause[-1]}-B{i:02d}", ttype, f"B{i:02d}", clause, t, hours, body)
        t += timedelta(hours=hours + 12)
    for i in range(1, 9):
        body = [c("targetTemperature", 57, "Cel"), c("shortCircuitResistance", 0.05, "Ohm"), c("observationPeriod", 6, "h"),
                m("maxTemperature", round(rng.uniform(60, 90), 1), "Cel", 1)] + o(disassembly=False, rupture=False, fire=False)
        r.test(f"T5-B{i:02d}", "external-short-circuit", f"B{i:02d}", "38.3.4.5", t, 8, body)
    t += timedelta(hours=20)
    for i in range(9, 17):
        body = [c("chargeCurrent", 10, "A"), c("chargeDuration", 24, "h"), c("observationPeriod", 7, "d")] + o(disassembly=False, fire=False)
        r.test(f"T7-B{i:02d}", "overcharge", f"B{i:02d}", "38.3.4.7", t, 24, body)
    t += timedelta(days=8)
    r.issued = (t + timedelta(days=3)).date()
    if mutate:
        mutate(r)
    return r

# ---------------------------------------------------------------- the samples of TestReports/


def samples(out):
    def save(path, report, comment):
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        comment = comment.replace("--", "—")
        text = report.xml().replace('<?xml version="1.0" encoding="UTF-8"?>\n', f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {comment} -->\n')
        open(full, "w").write(text)

    rng = random.Random(2025)
    save("gb38031-2025/pack-complete-pass.xml", gb_pack_report(rng, "HZTC-2026-B0417", "2025"),
         "GB 38031-2025: every pack test (5.2.1-5.2.10, 5.2.16) with the conditions of its method; passes.")
    rng = random.Random(2026)
    save("gb38031-2025/system-complete-pass.xml", gb_pack_report(rng, "SZEV-2026-0915", "2025", level="system", lab=1, maker=1, decision="guarded"),
         "GB 38031-2025: a battery system with all 16 pack/system tests and the protection tests; guarded decision rule; passes.")
    rng = random.Random(7)
    save("gb38031-2025/pack-vibration-insulation-fail.xml",
         gb_pack_report(rng, "SZEV-2026-0932", "2025", lab=1, maker=1,
                        mutate=lambda r: set_body(r, "vibration", replace_line("insulationResistance", m("insulationResistance", 95, "Ohm/V", 5)))),
         "GB 38031-2025: insulation resistance after vibration is 95 Ω/V, below the 100 Ω/V of 5.2.1; the lab still concluded pass.")
    rng = random.Random(8)
    save("gb38031-2025/pack-thermal-propagation-late-alarm-fail.xml",
         gb_pack_report(rng, "HZTC-2026-B0533", "2025",
                        mutate=lambda r: set_body(r, "thermal-propagation", late_alarm)),
         "GB 38031-2025: the thermal-event alarm came 7.5 min after thermal runaway; 5.2.7 b allows at most 5 min.")
    rng = random.Random(9)
    save("gb38031-2025/pack-crush-stopped-early-fail.xml",
         gb_pack_report(rng, "TJBT-2026-2210", "2025", lab=2,
                        mutate=lambda r: set_body(r, "crush", lambda b: [l for l in b if 'crushForce' not in l] + [c("crushForce", 80, "kN"), c("deformation", 12, "%")])),
         "GB 38031-2025: the pack crush (8.2.4) stopped at 80 kN and 12 % deformation, before 100 kN or 30 %.")
    rng = random.Random(10)
    save("gb38031-2025/pack-bottom-impact-140J-fail.xml",
         gb_pack_report(rng, "HZTC-2026-B0601", "2025",
                        mutate=lambda r: set_body(r, "bottom-impact", replace_line("impactEnergy", c("impactEnergy", 140, "J")))),
         "GB 38031-2025: bottom impact (8.2.16) at 140 J instead of 150 ± 3 J.")
    rng = random.Random(11)

    def drop_salt(r):
        r.tests = [t for t in r.tests if t[1] != "salt-spray"]
    save("gb38031-2025/pack-missing-salt-spray-incomplete.xml", gb_pack_report(rng, "SZEV-2026-1003", "2025", lab=1, maker=1, mutate=drop_salt),
         "GB 38031-2025: the report has no salt-spray test (5.2.9), so it cannot pass: incomplete, naming the missing test.")
    rng = random.Random(12)
    save("gb38031-2025/cell-complete-pass.xml", gb_cell_report(rng, "SZEV-2026-C0711", "2025"),
         "GB 38031-2025: all seven cell tests (5.1.1-5.1.7) with the conditions of 8.1.2-8.1.8; passes.")
    rng = random.Random(13)
    save("gb38031-2025/cell-overcharge-fire-fail.xml",
         gb_cell_report(rng, "SZEV-2026-C0722", "2025", mutate=lambda r: set_body(r, "overcharge", replace_line("fire", '<observation name="fire" value="true"/>'))),
         "GB 38031-2025: the cell caught fire during overcharge (5.1.2).")
    rng = random.Random(20)

    def fire_18_min(r):
        def change(body):
            out = []
            for line in body:
                if 'name="fire"' in line and "observation" in line:
                    line = '<observation name="fire" value="true"/>'
                out.append(line)
            alarm = next(l for l in body if "thermalEventAlarm" in l)
            at = alarm.split('at="')[1].split('"')[0].replace("{TZ}", "")
            fire = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S") + timedelta(minutes=18)
            out.insert(out.index(alarm) + 1, f'<event name="fire" at="{fire:%Y-%m-%dT%H:%M:%S}{{TZ}}"/>')
            return out
        set_body(r, "thermal-propagation", change)
    save("gb38031-2020/pack-thermal-propagation-alarm-18min.xml",
         gb_pack_report(rng, "TJBT-2023-1187", "2020", lab=2, start=datetime(2023, 5, 8, 8, 30), mutate=fire_18_min),
         "GB 38031-2020: the thermal-event alarm came 18 min before fire broke out. That meets 2020 (alarm at least 5 min before a hazard) "
         "but not 2025 (no fire at all): check it with the option standard set to GB 38031@2025.")
    rng = random.Random(21)

    def fire_2_min(r):
        fire_18_min(r)
        set_body(r, "thermal-propagation", lambda b: [l if not ('<event name="fire"' in l) else
            '<event name="fire" at="' + (datetime.strptime(l.split('at="')[1].split('{')[0], "%Y-%m-%dT%H:%M:%S") - timedelta(minutes=16)).strftime("%Y-%m-%dT%H:%M:%S") + '{TZ}"/>' for l in b])
    save("gb38031-2020/pack-thermal-propagation-alarm-2min-fail.xml",
         gb_pack_report(rng, "TJBT-2023-1290", "2020", lab=2, start=datetime(2023, 8, 7, 8, 30), mutate=fire_2_min),
         "GB 38031-2020: the alarm came only 2 min before fire; 5.2.7 b asks for at least 5 min.")
    rng = random.Random(22)
    save("gb38031-2020/cell-complete-pass.xml", gb_cell_report(rng, "SZEV-2024-C0311", "2020", start=datetime(2024, 3, 4, 9, 0)),
         "GB 38031-2020: the six cell tests (5.1.1-5.1.6); passes.")
    rng = random.Random(30)
    save("un38.3-rev8/cell-complete-pass.xml", un_cell_report(rng, "ELT-UN-2026-0555", "Rev.8"),
         "UN 38.3 Rev.8: 35 lithium-ion cells: T.1-T.5 on ten, T.6 on five, T.8 on twenty (fully discharged); passes.")
    rng = random.Random(31)

    def heavy_loss(r):
        for i, t in enumerate(r.tests):
            if t[0] == "T2-C04":
                body = [l if 'name="massAfter"' not in l else l.replace(l.split('value="')[1].split('"')[0], str(round(float(l.split('value="')[1].split('"')[0]) - 0.3, 3))) for l in t[6]]
                r.tests[i] = t[:6] + (body,) + t[7:]
    save("un38.3-rev8/cell-t2-mass-loss-fail.xml", un_cell_report(rng, "ELT-UN-2026-0602", "Rev.8", mutate=heavy_loss),
         "UN 38.3 Rev.8: cell C04 lost about 0.45 % of its mass in T.2, above the 0.2 % allowed for 1-75 g cells.")
    rng = random.Random(32)
    save("un38.3-rev8/cell-t5-overtemperature-fail.xml",
         un_cell_report(rng, "ELT-UN-2026-0618", "Rev.8", mutate=lambda r: [r.tests.__setitem__(i, t[:6] + ([l if 'maxTemperature' not in l else m("maxTemperature", 182, "Cel", 1) for l in t[6]],) + t[7:]) for i, t in enumerate(r.tests) if t[0] == "T5-C07"]),
         "UN 38.3 Rev.8: in T.5 the case of cell C07 reached 182 °C; at most 170 °C is allowed.")
    rng = random.Random(40)
    save("un38.3-rev7-amend1/battery-complete-pass.xml", un_battery_report(rng, "ELT-UN-2025-0412", "Rev.7", "Amend.1"),
         "UN 38.3 Rev.7 with Amendment 1: a small lithium-ion battery, T.1-T.5 on eight batteries and T.7 on eight more; passes.")
    rng = random.Random(41)
    save("un38.3-rev7-amend1/battery-t3-ocv-drop-fail.xml",
         un_battery_report(rng, "ELT-UN-2025-0447", "Rev.7", "Amend.1", mutate=lambda r: [r.tests.__setitem__(i, t[:6] + ([l if 'ocvAfter' not in l else m("ocvAfter", 14.1, "V", 0.005) for l in t[6]],) + t[7:]) for i, t in enumerate(r.tests) if t[0] == "T3-B02"]),
         "UN 38.3 Rev.7/Amend.1: after T.3 battery B02 kept only about 84 % of its open-circuit voltage; at least 90 % is required.")
    rng = random.Random(50)

    def no_content(r):
        r.statement = False
        r.decision = None
        r.lab = dict(r.lab)
        r.lab["location"] = None
        r.lab["address"] = None
    save("iso17025/cell-report-content-fail.xml", gb_cell_report(rng, "SZEV-2026-C0801", "2025", mutate=no_content),
         "ISO/IEC 17025 7.8.2.1: no laboratory address or location (b, c), no statement that the results relate only to the items tested (l); 7.8.6.2 c: no decision rule (a warning).")


def archive(n, out):
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        rng = random.Random(i)
        kind = rng.random()
        broken = rng.random() < 0.1
        start = datetime(2026, 7, 1, 8, 0) + timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 8))
        lab = rng.randint(0, 2)
        maker = rng.randint(0, 1)
        rid = f"AR-{i:07d}"
        if kind < 0.7:
            mutate = (lambda r: set_body(r, "vibration", replace_line("insulationResistance", m("insulationResistance", rng.randint(60, 99), "Ohm/V", 5)))) if broken else None
            r = gb_pack_report(rng, rid, "2025", level=rng.choice(["pack", "pack", "system"]), lab=lab, maker=maker, start=start, mutate=mutate)
        elif kind < 0.85:
            mutate = (lambda r: set_body(r, "overcharge", replace_line("fire", '<observation name="fire" value="true"/>'))) if broken else None
            r = gb_cell_report(rng, rid, "2025", lab=lab, maker=maker, start=start, mutate=mutate)
        else:
            mutate = (lambda r: [r.tests.__setitem__(j, t[:6] + ([l if 'maxTemperature' not in l else m("maxTemperature", 182, "Cel", 1) for l in t[6]],) + t[7:]) for j, t in enumerate(r.tests) if t[0] == "T5-C03"]) if broken else None
            r = un_cell_report(rng, rid, "Rev.8", start=start, mutate=mutate)
        sub = os.path.join(out, f"{i // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        open(os.path.join(sub, f"{rid}.xml"), "w").write(r.xml())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "samples":
        samples(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "archive":
        archive(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)
