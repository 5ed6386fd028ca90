using System.Net;
using NUnit.Framework;
using Openness.Crawler.Safety;

namespace Openness.Crawler.Tests.Fetching;

[TestFixture]
public sealed class HttpSafetyTests
{
    [TestCase("127.0.0.1", AddressClass.Loopback)]
    [TestCase("127.8.9.10", AddressClass.Loopback)]
    [TestCase("::1", AddressClass.Loopback)]
    [TestCase("10.1.2.3", AddressClass.Private)]
    [TestCase("172.16.0.1", AddressClass.Private)]
    [TestCase("172.31.255.255", AddressClass.Private)]
    [TestCase("192.168.1.1", AddressClass.Private)]
    [TestCase("100.64.0.1", AddressClass.SharedCgnat)]
    [TestCase("100.127.255.254", AddressClass.SharedCgnat)]
    [TestCase("169.254.169.254", AddressClass.LinkLocal)]
    [TestCase("fe80::1", AddressClass.LinkLocal)]
    [TestCase("fc00::1", AddressClass.UniqueLocal)]
    [TestCase("fd12:3456::1", AddressClass.UniqueLocal)]
    [TestCase("0.0.0.0", AddressClass.Unspecified)]
    [TestCase("::", AddressClass.Unspecified)]
    [TestCase("224.0.0.1", AddressClass.Multicast)]
    [TestCase("ff02::1", AddressClass.Multicast)]
    [TestCase("255.255.255.255", AddressClass.Multicast)]
    [TestCase("240.0.0.1", AddressClass.Reserved)]
    [TestCase("::ffff:10.0.0.5", AddressClass.Private)]
    [TestCase("::ffff:127.0.0.1", AddressClass.Loopback)]
    [TestCase("64:ff9b::a9fe:a9fe", AddressClass.LinkLocal)]
    [TestCase("8.8.8.8", AddressClass.Public)]
    [TestCase("172.32.0.1", AddressClass.Public)]
    [TestCase("100.128.0.1", AddressClass.Public)]
    [TestCase("202.108.22.5", AddressClass.Public)]
    [TestCase("240e:e9:6002::1", AddressClass.Public)]
    [TestCase("::ffff:202.108.22.5", AddressClass.Public)]
    public void Classifies(string address, AddressClass expected)
    {
        Assert.That(AddressPolicy.Classify(IPAddress.Parse(address)), Is.EqualTo(expected));
    }

    [Test]
    public void Only_public_addresses_are_allowed_by_default()
    {
        Assert.That(AddressPolicy.IsAllowed(IPAddress.Parse("8.8.8.8"), allowPrivateAddresses: false), Is.True);
        Assert.That(AddressPolicy.IsAllowed(IPAddress.Parse("192.168.0.10"), allowPrivateAddresses: false), Is.False);
        Assert.That(AddressPolicy.IsAllowed(IPAddress.Parse("192.168.0.10"), allowPrivateAddresses: true), Is.True);
    }
}
