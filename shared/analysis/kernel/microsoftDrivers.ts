/**
 * Whether a kernel module ships with Windows. Small dumps carry no version
 * resources or signatures, so — like BlueScreenView's "Microsoft" column when
 * it cannot read the file — we go by name: drivers in the Windows 10/11 inbox
 * set below (gathered from the corpus dumps' driver lists and the inbox
 * drivers of %SystemRoot%\System32\drivers). A name not listed is reported as
 * not Microsoft's, which errs towards showing a driver to the user.
 */
const INBOX = new Set(
  `ntoskrnl.exe ntkrnlmp.exe ntkrnlpa.exe ntkrpamp.exe hal.dll halmacpi.dll halacpi.dll kdcom.dll kd.dll kdnet.dll kdstub.dll
mcupdate.dll mcupdate_genuineintel.dll mcupdate_authenticamd.dll clfs.sys tm.sys pshed.dll bootvid.dll fltmgr.sys msrpc.sys
ksecdd.sys clipsp.sys cmimcext.sys werkernel.sys ntosext.sys ci.dll cng.sys wdf01000.sys wdfldr.sys wpprecorder.sys
sleepstudyhelper.sys acpiex.sys sgrmagent.sys acpi.sys wmilib.sys intelpep.sys windowstrustedrt.sys
windowstrustedrtproxy.sys pcw.sys msisadrv.sys pci.sys vdrvroot.sys pdc.sys cea.sys partmgr.sys spaceport.sys volmgr.sys
volmgrx.sys mountmgr.sys storahci.sys storport.sys ehstorclass.sys fileinfo.sys wof.sys wdfilter.sys ntfs.sys fs_rec.sys
ndis.sys netio.sys ksecpkg.sys tcpip.sys fwpkclnt.sys wfplwfs.sys fvevol.sys volume.sys volsnap.sys rdyboost.sys mup.sys
iorate.sys disk.sys classpnp.sys crashdmp.sys cdrom.sys filecrypt.sys tbs.sys null.sys beep.sys dxgkrnl.sys watchdog.sys
basicdisplay.sys basicrender.sys npfs.sys msfs.sys cimfs.sys tdx.sys tdi.sys netbt.sys afunix.sys afd.sys vwififlt.sys
pacer.sys ndiscap.sys netbios.sys vid.sys winhvr.sys winhv.sys rdbss.sys nsiproxy.sys npsvctrig.sys mssmbios.sys
gpuenergydrv.sys dfsc.sys bam.sys ahcache.sys compositebus.sys kdnic.sys umbus.sys cad.sys i8042prt.sys kbdclass.sys
mouclass.sys hdaudbus.sys portcls.sys drmk.sys ks.sys usbxhci.sys ucx01000.sys cmbatt.sys battc.sys intelppm.sys
amdppm.sys ndisvirtualbus.sys swenum.sys rdpbus.sys usbhub3.sys usbd.sys hdaudio.sys ksthunk.sys hidusb.sys hidclass.sys
hidparse.sys mouhid.sys kbdhid.sys cdfs.sys win32k.sys win32kbase.sys win32kfull.sys win32kns.sys monitor.sys dxgmms2.sys
dxgmms1.sys cdd.dll luafv.sys wcifs.sys cldflt.sys storqosflt.sys bindflt.sys msquic.sys http.sys lltdio.sys mslldp.sys
rspndr.sys bowser.sys mrxsmb.sys mrxsmb20.sys mrxsmb10.sys mpsdrv.sys srvnet.sys srv2.sys srv.sys mmcss.sys ndu.sys
peauth.sys tcpipreg.sys wdnisdrv.sys condrv.sys dump_storport.sys dump_storahci.sys dump_dumpfve.sys dump_dumpstorport.sys
dump_storufs.sys dump_stornvme.sys stornvme.sys storufs.sys mssecflt.sys tpm.sys msgpioclx.sys fastfat.sys sdbus.sys
spbcx.sys msgpiowin32.sys mshidkmdf.sys wmiacpi.sys acpipagr.sys mshwnclx.sys uefi.sys vhf.sys hidi2c.sys hidinterrupt.sys
kbdhid.sys mtconfig.sys buttonconverter.sys acpitime.sys usbccgp.sys wdiwifi.sys vwifibus.sys rdpvideominiport.sys wanarp.sys
nwifi.sys ndisuio.sys wudfrd.sys bthmini.sys bthport.sys rdpdr.sys rfcomm.sys bthenum.sys bthpan.sys
microsoft.bluetooth.legacy.leenumerator.sys vwifimp.sys rassstp.sys ndproxy.sys agilevpn.sys rasl2tp.sys raspptp.sys
raspppoe.sys tsusbhub.sys ndiswan.sys csc.sys dam.sys kmpdc.sys fxppm.sys terminpt.sys usbport.sys usbehci.sys usbuhci.sys
usbohci.sys usbhub.sys usbstor.sys uaspstor.sys storvsc.sys vmbus.sys netvsc.sys hyperkbd.sys hypervideo.sys vmgencounter.sys
intelide.sys pciide.sys pciidex.sys atapi.sys ataport.sys msahci.sys nvraid.sys iastorv.sys serial.sys serenum.sys parport.sys
fdc.sys flpydisk.sys sfloppy.sys mouclass.sys kbdclass.sys vga.sys videoprt.sys rdpdd.dll rdpwd.sys tdtcp.sys termdd.sys
ndiswan.sys wfplwf.sys netadaptercx.sys wdmvsc.sys wof.sys refs.sys refsv1.sys exfat.sys udfs.sys ksecdd.sys cng.sys
dxgkrnl.sys secure.sys securekernel.exe skci.dll`
    .split(/\s+/)
    .filter(Boolean)
    .map((n) => n.toLowerCase()),
);

export function isMicrosoftDriver(name: string): boolean {
  return INBOX.has(name.toLowerCase());
}
